using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Infrastructure.Identity;

public static class Policies
{
    public const string Administer = "administer";
    public const string Moderate = "moderate";
    public const string Answer = "answer";
    public const string Validate = "validate";
    public const string OperatePlatform = "operate-platform";
    public const string ManageConsultations = "manage-consultations";
    /// <summary>The town hall desk: verifying people in person, printing postal letters.</summary>
    public const string Verify = "verify";
    /// <summary>Resource-based, on a <see cref="Council"/>: its animators and the administrators (<see cref="CouncilAnimationHandler"/>).</summary>
    public const string AnimateCouncil = "animate-council";
    /// <summary>Resource-based, on a <see cref="Council"/>: answering residents' agenda items, also open to the council's sitting secretary.</summary>
    public const string DecideCouncilAgenda = "decide-council-agenda";
    /// <summary>
    /// Meetings' organizer pages, and resource-based on a <see cref="Meeting"/>: the staff who run consultations
    /// (a consultation's meeting: its service), and councils' animators for their council's sessions (<see cref="MeetingManagementHandler"/>).
    /// </summary>
    public const string ManageMeetings = "manage-meetings";
    /// <summary>The participation statistics: public where the organization chose, staff otherwise (<see cref="StatisticsViewingHandler"/>).</summary>
    public const string ViewStatistics = "view-statistics";
}

/// <summary>Adds the organization and the staff roles of this organization to the sign-in.</summary>
public sealed class ParvisClaimsFactory(UserManager<ParvisUser> users, IOptions<IdentityOptions> options, ParvisDbContext db)
    : UserClaimsPrincipalFactory<ParvisUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ParvisUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantMiddleware.OrganizationClaim, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ParvisClaims.DisplayName, user.Pseudonym));
        var roles = await db.RoleAssignments.Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync();
        foreach (var role in roles.Distinct()) identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(ParvisClaims.TwoFactor, "true"));
        if (user.IsPlatformOperator) identity.AddClaim(new Claim(ParvisClaims.PlatformOperator, "true"));
        return identity;
    }
}

public static class IdentitySetup
{
    public static WebApplicationBuilder AddParvisIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<ParvisUser>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddUserManager<ParvisUserManager>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddEntityFrameworkStores<ParvisDbContext>()
            .AddClaimsPrincipalFactory<ParvisClaimsFactory>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        builder.Services.AddSingleton<SessionStamps>();
        // Identity's default cost stands in production; the tests lower it, where thousands of accounts are made and signed
        // in and each hash would cost a tenth of a second of CPU.
        if (builder.Configuration.GetValue<int?>("Identity:PasswordHashIterations") is { } iterations)
            builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations);
        // How often an open session's roles and claims are read again (an ended session is refused at once: SessionStamps).
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:SessionCheckMinutes", 1.0)));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/compte/connexion";
            o.LogoutPath = "/compte/deconnexion";
            o.AccessDeniedPath = "/compte/acces-refuse";
            o.Cookie.Name = "parvis.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnValidatePrincipal = SessionStamps.ValidateAsync;
            o.Events.OnSignedIn = context => context.HttpContext.RequestServices.GetRequiredService<SignInTracker>().RecordAsync(context.Principal!);
        });
        builder.Services.AddScoped<SignInTracker>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administer, p => p.RequireRole(nameof(StaffRole.Administrator)).AddRequirements(StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.Moderate, p => p.RequireRole(nameof(StaffRole.Moderator), nameof(StaffRole.Administrator)).AddRequirements(StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.Answer, p => p.RequireRole(nameof(StaffRole.Agent), nameof(StaffRole.Administrator)).AddRequirements(StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.Validate, p => p.RequireRole(nameof(StaffRole.ElectedOfficial), nameof(StaffRole.Administrator)).AddRequirements(StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.ManageConsultations, p => p.RequireRole(nameof(StaffRole.Agent), nameof(StaffRole.Administrator)).AddRequirements(StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.Verify, p => p.RequireRole(nameof(StaffRole.Agent), nameof(StaffRole.Administrator)).AddRequirements(StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.AnimateCouncil, p => p.AddRequirements(CouncilAnimationRequirement.Instance, StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.DecideCouncilAgenda, p => p.AddRequirements(CouncilAnimationRequirement.OrSecretary, StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.ManageMeetings, p => p.AddRequirements(MeetingManagementRequirement.Instance, StaffTwoFactorRequirement.Instance))
            .AddPolicy(Policies.ViewStatistics, p => p.AddRequirements(StatisticsViewingRequirement.Instance))
            .AddPolicy(Policies.OperatePlatform, p => p.RequireClaim(ParvisClaims.PlatformOperator, "true").AddRequirements(StaffTwoFactorRequirement.Instance));
        builder.Services.AddScoped<IAuthorizationHandler, ParticipationHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, StaffTwoFactorHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ServiceStaffHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, CouncilAnimationHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, MeetingManagementHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, StatisticsViewingHandler>();
        return builder;
    }
}

/// <summary>The one place where a space's participation rules are checked against the person.</summary>
public sealed record ParticipationRequirement(ParticipationAction Action) : IAuthorizationRequirement;

/// <summary>What a person lacks for an action.</summary>
public enum MissingForAction { SignIn, Residence, Elector, Age }

/// <summary>Why a person may not act yet, and what would let them: signing in, or a verified attribute.</summary>
public sealed class ParticipationRefusal(IAuthorizationHandler handler, DomainException reason, ActionRequirement requirement, MissingForAction missing)
    : AuthorizationFailureReason(handler, reason.Message)
{
    public DomainException Reason { get; } = reason;
    public ActionRequirement Requirement { get; } = requirement;
    public MissingForAction Missing { get; } = missing;
    public bool NeedsSignIn => Missing == MissingForAction.SignIn;
    /// <summary>The territory, organization or age the message names.</summary>
    public string Subject => Reason.Arguments.Count > 0 ? Reason.Arguments[0]?.ToString() ?? "" : "";
}

public sealed class ParticipationHandler(Features.Identity.Verifications verifications, ParvisDbContext db, TenantContext tenant)
    : AuthorizationHandler<ParticipationRequirement, IParticipationSpace>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ParticipationRequirement requirement, IParticipationSpace resource)
    {
        var needed = resource.RequirementFor(requirement.Action);
        var refusal = await RefusalAsync(context.User, needed, resource.TerritoryId);
        if (refusal is null) context.Succeed(requirement);
        else context.Fail(new ParticipationRefusal(this, refusal.Value.Reason, needed, refusal.Value.Missing));
    }

    /// <summary>Null when the person meets the requirement; otherwise the rule they miss, in French.</summary>
    public async Task<(DomainException Reason, MissingForAction Missing)?> RefusalAsync(ClaimsPrincipal user, ActionRequirement needed, int spaceTerritoryId)
    {
        // Sign-in requires a confirmed e-mail, so a signed-in person has a confirmed account.
        if (user.Identity?.IsAuthenticated != true)
            return needed.AllowsAnonymous ? null : (new DomainException("Connectez-vous (ou créez un compte) pour participer."), MissingForAction.SignIn);
        if (!needed.NeedsVerification) return null;
        var attributes = user.UserId() is { } userId ? await verifications.AttributesOfAsync(userId) : VerifiedAttributes.None;
        if (needed.Level == ParticipationLevel.VerifiedResident)
        {
            var territories = await Features.Consultations.TerritoryTree.SelfAndDescendantsAsync(db, spaceTerritoryId);
            if (!attributes.LivesIn(territories))
            {
                var name = await db.Territories.Where(t => t.Id == spaceTerritoryId).Select(t => t.Name).FirstOrDefaultAsync() ?? tenant.Organization.Name;
                return (DomainException.WithValues("Cette action est réservée aux habitants de {0} dont la résidence est vérifiée.", name), MissingForAction.Residence);
            }
        }
        if (needed.Level == ParticipationLevel.VerifiedElector && !attributes.IsElector)
            return (DomainException.WithValues("Cette action est réservée aux électeurs vérifiés de {0}.", tenant.Organization.Name), MissingForAction.Elector);
        if (needed.MinimumAge is { } minimumAge && !attributes.IsAtLeast(minimumAge))
            return (DomainException.WithValues("Cette action est réservée aux personnes de {0} ans ou plus, dont l'âge est vérifié.", minimumAge), MissingForAction.Age);
        return null;
    }
}

/// <summary>Staff powers need a second factor when the organization says so.</summary>
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement
{
    public static readonly StaffTwoFactorRequirement Instance = new();
}

public sealed class StaffTwoFactorHandler(TenantContext tenant) : AuthorizationHandler<StaffTwoFactorRequirement>
{
    /// <summary>The one rule: the organization does not ask staff for a second factor, or this session used one.</summary>
    public static bool Satisfied(Organization organization, ClaimsPrincipal user) =>
        !organization.RequireTwoFactorForStaff || user.HasClaim(ParvisClaims.TwoFactor, "true");

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        if (Satisfied(tenant.Organization, context.User)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, "Activez la double authentification."));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The one rule of "the service's staff": administrators, and the agents of the service that carries the item
/// (consultation, proposal space, request, outcome). An item no service carries is the administrators' alone,
/// unless the requirement opens it to every agent (outcomes).
/// </summary>
public sealed class ServiceStaffRequirement : IAuthorizationRequirement
{
    public static readonly ServiceStaffRequirement Instance = new(false);
    public static readonly ServiceStaffRequirement OrUnassigned = new(true);

    private ServiceStaffRequirement(bool unassignedToEveryAgent) => UnassignedToEveryAgent = unassignedToEveryAgent;

    public bool UnassignedToEveryAgent { get; }
}

public sealed class ServiceStaffHandler(ParvisDbContext db) : AuthorizationHandler<ServiceStaffRequirement, IServiceOwned>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ServiceStaffRequirement requirement, IServiceOwned resource)
    {
        if (await AllowsAsync(db, context.User, resource, requirement)) context.Succeed(requirement);
    }

    /// <summary>The rule itself, for a handler that applies it to the item carrying another (a consultation's meeting).</summary>
    public static async Task<bool> AllowsAsync(ParvisDbContext db, ClaimsPrincipal user, IServiceOwned resource, ServiceStaffRequirement requirement)
    {
        if (user.IsInRole(nameof(StaffRole.Administrator))) return true;
        if (!user.IsInRole(nameof(StaffRole.Agent))) return false;
        if (resource.ServiceName is null) return requirement.UnassignedToEveryAgent;
        return await AgentServiceAsync(db, user) == resource.ServiceName;
    }

    /// <summary>The service an agent answers for (null for anyone else).</summary>
    public static Task<string?> AgentServiceAsync(ParvisDbContext db, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        return db.RoleAssignments.Where(r => r.UserId == userId && r.Role == StaffRole.Agent).Select(r => r.ServiceName).FirstOrDefaultAsync();
    }
}

/// <summary>Managing one council: its sessions, agenda, members, minutes and opinions; or only answering its agenda items (the secretary too).</summary>
public sealed class CouncilAnimationRequirement : IAuthorizationRequirement
{
    public static readonly CouncilAnimationRequirement Instance = new(false);
    public static readonly CouncilAnimationRequirement OrSecretary = new(true);

    private CouncilAnimationRequirement(bool secretaryToo) => SecretaryToo = secretaryToo;

    public bool SecretaryToo { get; }
}

/// <summary>
/// The one rule of a council's animation: administrators, and the animators of that council (for agenda items, also
/// the member sitting as its secretary today). An animator holds no staff role, so every other policy refuses them.
/// </summary>
public sealed class CouncilAnimationHandler(ParvisDbContext db, TenantContext tenant, TimeProvider clock)
    : AuthorizationHandler<CouncilAnimationRequirement, Council>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CouncilAnimationRequirement requirement, Council resource)
    {
        if (context.User.IsInRole(nameof(StaffRole.Administrator))) { context.Succeed(requirement); return; }
        if (context.User.UserId() is not { } userId || resource.Id == 0) return;
        if (await db.CouncilAnimators.AnyAsync(a => a.CouncilId == resource.Id && a.UserId == userId)) context.Succeed(requirement);
        else if (requirement.SecretaryToo)
        {
            var today = DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));
            if (await db.CouncilMandates.AnyAsync(m => m.CouncilId == resource.Id && m.UserId == userId && m.Role == MandateRole.Secretary
                    && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today)))
                context.Succeed(requirement);
        }
    }
}

public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = "Un compte existe déjà avec cette adresse e-mail." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = "Un compte existe déjà avec cette adresse e-mail." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "L'adresse e-mail n'est pas valide." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Le mot de passe doit compter au moins {length} caractères." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Ce lien n'est plus valable : demandez-en un nouveau." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Une erreur est survenue." };
}
