using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>Remembers where each id of one kind was first defined, and reports a second definition.</summary>
internal sealed class IdRegistry
{
    private readonly string _kind;
    private readonly Dictionary<string, string> _firstPaths = new(StringComparer.Ordinal);

    public IdRegistry(string kind)
    {
        _kind = kind;
    }

    /// <summary>Registers <paramref name="id"/> defined at <paramref name="path"/>; false (and an error) when it is taken.</summary>
    public bool Register(string id, string path, FieldParser parser)
    {
        if (_firstPaths.TryGetValue(id, out var first))
        {
            parser.Add(JsonPath.Property(path, "id"), Messages.DuplicateId(_kind, id, first));
            return false;
        }

        _firstPaths.Add(id, path);
        return true;
    }

    public bool Contains(string id) => _firstPaths.ContainsKey(id);
}
