using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>Finds titles that follow each other in a cycle through <c>after</c>, which no plan could satisfy.</summary>
internal static class SequelCycles
{
    public static void Report(IReadOnlyList<TitleDto> titles, FieldParser parser)
    {
        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < titles.Count; i++)
        {
            indexById.TryAdd(titles[i].Id!, i);
        }

        var state = new int[titles.Count]; // 0 unseen, 1 on the current path, 2 done
        var stack = new List<int>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(int node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in (titles[node].After ?? []).Select(a => a.Title!).Where(indexById.ContainsKey).Select(id => indexById[id]))
            {
                if (state[next] == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Select(i => titles[i].Id!).ToList();
                    if (reported.Add(string.Join(",", cycle.Order(StringComparer.Ordinal))))
                    {
                        parser.Add(
                            JsonPath.Property(JsonPath.Index("$.titles", next), "after"),
                            Messages.SequelCycle(cycle.Append(cycle[0])));
                    }
                }
                else if (state[next] == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }

        for (var i = 0; i < titles.Count; i++)
        {
            if (state[i] == 0)
            {
                Visit(i);
            }
        }
    }
}
