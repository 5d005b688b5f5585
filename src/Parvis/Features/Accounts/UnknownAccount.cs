using Microsoft.AspNetCore.Identity;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Accounts;

/// <summary>
/// An answer about an address with no account costs what an answer about a real account costs: a password is
/// checked against a hash either way, so the time taken does not tell who is registered.
/// </summary>
public static class UnknownAccount
{
    private static readonly PasswordHasher<ParvisUser> Hasher = new();
    private static readonly ParvisUser Nobody = new() { Pseudonym = "" };
    private static readonly Lazy<string> Hash = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    public static void CheckPassword(string password) => Hasher.VerifyHashedPassword(Nobody, Hash.Value, password);
}
