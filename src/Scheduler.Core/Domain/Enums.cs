namespace Scheduler.Core.Domain;

/// <summary>What a title is; informational only.</summary>
public enum TitleKind { Film, Series, Special, Documentary, Other }

/// <summary>How a title goes live: one instant everywhere, a local date per region, or the optimizer's choice.</summary>
public enum ReleaseMode { Global, Staggered, Either }

/// <summary>What a competing event is; informational only.</summary>
public enum EventKind { Sports, Holiday, Competitor, Cultural, Other }
