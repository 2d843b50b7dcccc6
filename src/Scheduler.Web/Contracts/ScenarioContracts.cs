namespace Scheduler.Web.Contracts;

/// <summary>A scenario version just stored: its id, the SHA-256 of its text, its name and its variants' ids.</summary>
public sealed record ScenarioStored(long Id, string Sha256, string Name, IReadOnlyList<string> Variants);

/// <summary>A stored scenario version as listed, newest first.</summary>
public sealed record ScenarioListItem(long Id, string Name, string Sha256, string SubmittedAt);

/// <summary>One stored scenario version and its variants' ids.</summary>
public sealed record ScenarioDetails(long Id, string Name, string Sha256, string SubmittedAt, IReadOnlyList<string> Variants);
