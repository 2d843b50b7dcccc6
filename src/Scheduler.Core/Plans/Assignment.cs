using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Plans;

/// <summary>
/// What an engine decides for one scheduled title: its mode and its date in each of its regions
/// (the same date everywhere for a global release). Titles left out have no assignment.
/// </summary>
public sealed record Assignment(string TitleId, string Mode, ImmutableDictionary<string, LocalDate> Dates);
