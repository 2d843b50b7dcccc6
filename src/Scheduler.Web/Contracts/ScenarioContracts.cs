using Scheduler.Reports.Json;

namespace Scheduler.Web.Contracts;

/// <summary>A scenario version just stored: its id, the SHA-256 of its text, its name and its variants' ids.</summary>
public sealed record ScenarioStored(long Id, string Sha256, string Name, IReadOnlyList<string> Variants);

/// <summary>A stored scenario version as listed, newest first, with who saved it (null: stored beside a run).</summary>
public sealed record ScenarioListItem(long Id, string Name, string Sha256, string SubmittedAt, string? SubmittedBy);

/// <summary>One stored scenario version, who saved it, and its variants' ids.</summary>
public sealed record ScenarioDetails(long Id, string Name, string Sha256, string SubmittedAt, string? SubmittedBy, IReadOnlyList<string> Variants);

/// <summary>
/// A scenario document checked as <c>scheduler validate</c> checks it, nothing stored: whether it is
/// valid, its name and variants when it loads, and its errors (the first
/// <see cref="ProblemLimits.MaxErrors"/> of <c>errorCount</c>), each with the JSON path it names.
/// </summary>
public sealed record ScenarioValidation(bool Valid, string? Name, IReadOnlyList<string> Variants, IReadOnlyList<FieldErrorJson> Errors, int ErrorCount);
