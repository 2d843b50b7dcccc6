using System.Security.Claims;

namespace Scheduler.Web.Access;

/// <summary>Who made a request, as the audit log and the runs name them: <c>token:NAME</c>.</summary>
internal static class Actor
{
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return $"token:{user.Identity?.Name}";
    }
}
