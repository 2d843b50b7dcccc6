using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// The HTTP API's tokens: a name, a role, and the SHA-256 of a secret that is shown once, when the
/// token is added, and never stored. Adding and revoking a token are audited in the same
/// transaction. A revoked token stays listed until its name is given to a new one.
/// </summary>
public sealed class TokenStore
{
    private const int MaxNameLength = 64;

    private readonly DatabaseSession _session;

    internal TokenStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>
    /// Adds a token named <paramref name="name"/> (a revoked token of that name is replaced) and
    /// records that <paramref name="actor"/> did; returns its secret, which only the caller sees.
    /// </summary>
    /// <exception cref="StorageException">The name is not valid, or an active token already has it.</exception>
    public Task<string> AddAsync(string name, TokenRole role, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(actor);
        CheckName(name);
        var roleText = TokenRoles.Format(role);
        var secret = TokenSecrets.New();
        return _session.WriteAsync(
            async transaction =>
            {
                var now = StoredText.Of(_session.Now());

                // One statement decides, so that two admins adding the same name at once cannot both
                // succeed: the second waits for the first's row, then finds it active and writes nothing.
                var written = await _session.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO api_tokens (name, role, secret_sha256, created_at, revoked_at) VALUES (@name, @roleText, @hash, @now, NULL)
                    ON CONFLICT (name) DO UPDATE
                    SET role = excluded.role, secret_sha256 = excluded.secret_sha256, created_at = excluded.created_at, revoked_at = NULL
                    WHERE api_tokens.revoked_at IS NOT NULL
                    """,
                    new { name, roleText, hash = TokenSecrets.Hash(secret), now },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (written == 0)
                {
                    throw new StorageException($"There is already an active token named '{name}'; revoke it first to give its name to a new one.");
                }

                await AuditLog.AppendAsync(_session, transaction, now, actor, AuditAction.TokenAdd, null, $"{name} ({roleText})", cancellationToken).ConfigureAwait(false);
                return secret;
            },
            cancellationToken);
    }

    /// <summary>Revokes the active token named <paramref name="name"/> and records that <paramref name="actor"/> did; false, writing nothing, when there is none.</summary>
    public Task<bool> RevokeAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(actor);
        return _session.WriteAsync(
            async transaction =>
            {
                var now = StoredText.Of(_session.Now());
                var roles = await _session.Connection.QueryAsync<string>(new CommandDefinition(
                    "UPDATE api_tokens SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL RETURNING role",
                    new { name, now },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (roles.SingleOrDefault() is not { } role)
                {
                    return false;
                }

                await AuditLog.AppendAsync(_session, transaction, now, actor, AuditAction.TokenRevoke, null, $"{name} ({role})", cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Every token, active or revoked, by name.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<TokenRow>(new CommandDefinition(
            "SELECT name AS Name, role AS Role, created_at AS CreatedAt, revoked_at AS RevokedAt FROM api_tokens",
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        // Ordered here rather than in SQL: PostgreSQL would order by the database's collation,
        // SQLite by bytes; ordinal order is the same on both.
        return [.. rows
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new ApiToken(
                t.Name,
                TokenRoles.Parse(t.Role),
                StoredText.Instant(t.CreatedAt),
                t.RevokedAt is null ? null : StoredText.Instant(t.RevokedAt)))];
    }

    /// <summary>The active token whose secret is <paramref name="secret"/>, or null: for a wrong secret, or a token that was revoked.</summary>
    public async Task<ActiveToken?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default)
    {
        // Looked up by the hash, through its unique index: the secret is never compared, nor sent to the database.
        var rows = await _session.Connection.QueryAsync<TokenRow>(new CommandDefinition(
            "SELECT name AS Name, role AS Role FROM api_tokens WHERE secret_sha256 = @hash AND revoked_at IS NULL",
            new { hash = TokenSecrets.Hash(secret) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(t => new ActiveToken(t.Name, TokenRoles.Parse(t.Role))).SingleOrDefault();
    }

    // Names go into the audit log and into actors ("token:alice"), so they are kept to characters
    // that need no quoting anywhere.
    private static void CheckName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new StorageException($"'{name}' is not a valid token name: use 1 to {MaxNameLength} letters (a-z, A-Z), digits, '-', '_' or '.'.");
        }
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
    private sealed class TokenRow
    {
        public string Name { get; set; } = "";

        public string Role { get; set; } = "";

        public string CreatedAt { get; set; } = "";

        public string? RevokedAt { get; set; }
    }
#pragma warning restore CA1812
}
