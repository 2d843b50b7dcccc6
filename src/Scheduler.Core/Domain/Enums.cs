namespace Scheduler.Core.Domain;

/// <summary>What a title is; informational only.</summary>
public enum TitleKind { Film, Series, Special, Documentary, Other }

/// <summary>How a title goes live: one instant everywhere, a local date per region, or the optimizer's choice.</summary>
public enum ReleaseMode { Global, Staggered, Either }

/// <summary>
/// How much a title matters when a slate cannot be planned whole (best effort): the plan places
/// the most <c>Must</c> titles, then the most <c>High</c>, <c>Normal</c> and <c>Low</c> ones, and only then
/// weighs value. The order is the declaration order.
/// </summary>
public enum TitlePriority { Must, High, Normal, Low }

/// <summary>What a competing event is; informational only.</summary>
public enum EventKind { Sports, Holiday, Competitor, Cultural, Other }
