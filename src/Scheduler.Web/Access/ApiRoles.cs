using Scheduler.Storage;

namespace Scheduler.Web.Access;

/// <summary>
/// What each role may do, as authorization policies: viewers read; planners also submit, plan and
/// compare; admins also adopt and revoke tokens. Each role includes the ones below it.
/// </summary>
internal static class ApiRoles
{
    public const string Read = "read";
    public const string Plan = "plan";
    public const string Administer = "administer";

    /// <summary>The roles that satisfy each policy, by name as the bearer token's role claim carries it.</summary>
    public static IReadOnlyDictionary<string, string[]> Policies { get; } = new Dictionary<string, string[]>
    {
        [Read] = [Name(TokenRole.Viewer), Name(TokenRole.Planner), Name(TokenRole.Admin)],
        [Plan] = [Name(TokenRole.Planner), Name(TokenRole.Admin)],
        [Administer] = [Name(TokenRole.Admin)],
    };

    public static string Name(TokenRole role) => role.ToString().ToLowerInvariant();
}
