namespace Scheduler.Web.Contracts;

/// <summary>An API token as listed (never its secret): its role and when it was made and revoked.</summary>
public sealed record TokenListItem(string Name, string Role, string CreatedAt, string? RevokedAt);

/// <summary>A token revoked.</summary>
public sealed record TokenRevoked(string Name, bool Revoked);

/// <summary>
/// <c>/healthz</c>: <c>healthy</c> or <c>unhealthy</c>, the node, the database (<c>reachable</c>,
/// <c>unreachable since HH:MM:SS UTC</c>, <c>unusable: ...</c>), the publishing scheduler's state, and the last replan.
/// </summary>
public sealed record HealthReport(string Status, string Node, string Database, string Scheduler, LastReplan? LastReplan);

/// <summary>The last nightly replan: when, the run it adopted, and what it moved.</summary>
public sealed record LastReplan(string At, long? RunId, string? Details);

/// <summary>
/// Who is signed in (the token's name), its role, and what the role may do: <c>read</c> (runs,
/// reports, explanations, checks and fits), <c>plan</c> (submit, plan, re-plan, compare, cancel) and
/// <c>administer</c> (adopt, tokens), the policies of the API.
/// </summary>
public sealed record SessionDocument(string Name, string Role, IReadOnlyList<string> May);
