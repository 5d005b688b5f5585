using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>
/// Every endpoint of the application (each Razor page handler and each minimal-API route), requested
/// by each kind of person, against the rule declared below. A new route without a declared rule fails
/// the test. POSTs carry a valid antiforgery token and no other field: "allowed" means the handler
/// ran (its own rules may still refuse with a form error), "denied" means a redirect to the sign-in
/// or access-denied page, a 401, 403 or 404. The application runs alone: the POSTs must not disturb other tests.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    // Columns: anonymous, citizen, moderator, agent (Service urbanisme, which carries the consultation),
    // elected official, administrator, administrator of Ville B (signed in on b.test, so signed out on a.test).
    // + allowed, - denied.
    private static readonly Dictionary<string, string> Rules = new()
    {
        ["GET /"] = "+++++++",
        ["GET /charte"] = "+++++++",
        ["GET /theme.css"] = "+++++++",
        ["GET /erreur"] = "+++++++",
        ["POST /erreur"] = "+++++++",
        ["GET /langue"] = "+++++++",
        ["GET /concertations"] = "+++++++",
        ["GET /concertations/{id:int}"] = "+++++++",
        ["POST /concertations/{id:int}?handler=Contribute"] = "+++++++",
        ["POST /concertations/{id:int}?handler=Offline"] = "---+-+-",
        ["GET /nous-avons-fait"] = "+++++++",
        ["GET /nous-avons-fait/territoires/{territoryId:int}"] = "+++++++",
        ["GET /nous-avons-fait/resultats/{id:int}"] = "+++++++",
        // Outcomes: agents and administrators (the outcome used here is the agent's service's).
        ["GET /admin/resultats"] = "---+-+-",
        ["GET /admin/resultats/nouveau"] = "---+-+-",
        ["POST /admin/resultats/nouveau"] = "---+-+-",
        ["GET /admin/resultats/{id:int}"] = "---+-+-",
        ["POST /admin/resultats/{id:int}"] = "---+-+-",
        ["POST /admin/resultats/{id:int}?handler=Publish"] = "---+-+-",
        ["POST /admin/resultats/{id:int}?handler=Unpublish"] = "---+-+-",
        ["POST /admin/resultats/{id:int}?handler=Link"] = "---+-+-",
        ["POST /admin/resultats/{id:int}?handler=Unlink"] = "---+-+-",
        ["GET /reponses/en-retard"] = "---+-+-",
        // Requests handling: {request} is an acknowledged request of the Service voirie, so the agent (Service urbanisme)
        // has a queue but is refused that request. The "est-ce réglé ?" page answers everyone (a form error without its link).
        ["GET /guichet"] = "---+-+-",
        ["POST /guichet?handler=Bulk"] = "---+-+-",
        ["GET /guichet/{id:int}"] = "-----+-",
        ["POST /guichet/{id:int}?handler=Move"] = "-----+-",
        ["POST /guichet/{id:int}?handler=Comment"] = "-----+-",
        ["POST /guichet/{id:int}?handler=Reassign"] = "-----+-",
        ["GET /signalements/{id:int}/regle"] = "+++++++",
        ["POST /signalements/{id:int}/regle?handler=Fixed"] = "+++++++",
        ["POST /signalements/{id:int}/regle?handler=Reopen"] = "+++++++",
        ["GET /moderation/signalements"] = "--+--+-",
        ["POST /moderation/signalements?handler=Hide"] = "--+--+-",
        ["POST /moderation/signalements?handler=Restore"] = "--+--+-",
        ["POST /moderation/signalements?handler=HidePhoto"] = "--+--+-",
        ["POST /moderation/signalements?handler=RestorePhoto"] = "--+--+-",
        ["POST /moderation/signalements?handler=Redact"] = "--+--+-",
        ["GET /contributions/{id:int}"] = "+++++++",
        ["POST /contributions/{id:int}?handler=React"] = "+++++++",
        ["POST /contributions/{id:int}?handler=Comment"] = "+++++++",
        ["POST /contributions/{id:int}?handler=EditComment"] = "+++++++",
        ["POST /contributions/{id:int}?handler=DeleteComment"] = "+++++++",
        ["POST /contributions/{id:int}?handler=FlagComment"] = "+++++++",
        ["POST /contributions/{id:int}?handler=Flag"] = "+++++++",
        ["POST /contributions/{id:int}?handler=DraftResponse"] = "---+-+-",
        ["GET /contributions/{id:int}/confirmer"] = "+++++++",
        // Petitions: {id:int} is an open petition of Ville A, {token} the sponsor link of one no longer in draft.
        ["GET /petitions"] = "+++++++",
        ["GET /petitions/{id:int}"] = "+++++++",
        ["POST /petitions/{id:int}?handler=DraftResponse"] = "---+-+-",
        ["POST /petitions/{id:int}?handler=Decision"] = "----++-",
        ["POST /petitions/{id:int}?handler=Schedule"] = "----++-",
        ["POST /petitions/{id:int}?handler=Close"] = "---+-+-",
        ["GET /petitions/{id:int}/accuse-de-reception"] = "+++++++",
        ["GET /petitions/nouvelle/{id:int?}"] = "-+++++-",
        ["POST /petitions/nouvelle/{id:int?}"] = "-+++++-",
        ["GET /petitions/parrainer/{token}"] = "+++++++",
        ["POST /petitions/parrainer/{token}"] = "-+++++-",
        ["GET /compte/petitions"] = "-+++++-",
        // Reporting: {id:int} is a visible request of Ville A; following without an account asks for an e-mail, a link without its token is refused by a form error.
        ["GET /signalements/nouveau"] = "+++++++",
        ["POST /signalements/nouveau?handler=Continue"] = "+++++++",
        ["POST /signalements/nouveau?handler=Send"] = "+++++++",
        ["GET /signalements/{id:int}/confirmer"] = "+++++++",
        ["POST /signalements/{id:int}/confirmer"] = "+++++++",
        ["GET /signalements/{id:int}/suivre"] = "+++++++",
        ["POST /signalements/{id:int}/suivre"] = "+++++++",
        ["POST /signalements/{id:int}/suivre?handler=Stop"] = "+++++++",
        ["GET /signalements/{id:int}/suivre/{step:regex(^(confirmer|arreter)$)}"] = "+++++++",
        ["POST /signalements/{id:int}/suivre/{step:regex(^(confirmer|arreter)$)}"] = "+++++++",
        ["GET /compte/signalements"] = "-+++++-",
        ["POST /compte/petitions?handler=Submit"] = "-+++++-",
        ["GET /moderation/petitions"] = "--+--+-",
        ["POST /moderation/petitions?handler=Publish"] = "--+--+-",
        ["POST /moderation/petitions?handler=Reject"] = "--+--+-",
        ["GET /admin/petitions"] = "-----+-",
        ["POST /admin/petitions"] = "-----+-",
        // Requests administration ({id:int?} is a demo category) and Open311 keys: administrators only.
        ["GET /admin/signalements"] = "-----+-",
        ["POST /admin/signalements"] = "-----+-",
        ["GET /admin/signalements/categories/{id:int?}"] = "-----+-",
        ["POST /admin/signalements/categories/{id:int?}"] = "-----+-",
        ["POST /admin/signalements/categories/{id:int?}?handler=Move"] = "-----+-",
        ["POST /admin/signalements/categories/{id:int?}?handler=Remove"] = "-----+-",
        ["GET /admin/signalements/categories/{categoryId:int}/questions/{id:int?}"] = "-----+-",
        ["POST /admin/signalements/categories/{categoryId:int}/questions/{id:int?}"] = "-----+-",
        ["GET /admin/open311"] = "-----+-",
        ["POST /admin/open311"] = "-----+-",
        ["POST /admin/open311?handler=Revoke"] = "-----+-",
        // Open311: reading is public (cookies ignored); posting needs an API key, which no person's cookie replaces.
        ["GET /open311/v2/discovery.{format}"] = "+++++++",
        ["GET /open311/v2/services.{format}"] = "+++++++",
        ["GET /open311/v2/services/{code}.{format}"] = "+++++++",
        ["GET /open311/v2/requests.{format}"] = "+++++++",
        ["GET /open311/v2/requests/{id}.{format}"] = "+++++++",
        ["GET /open311/v2/tokens/{token}.{format}"] = "+++++++",
        ["GET /open311/v2/servicerequestupdates.{format}"] = "+++++++",
        ["POST /open311/v2/requests.{format}"] = "-------",
        ["POST /contributions/{id:int}/confirmer"] = "+++++++",
        ["GET /robots.txt"] = "+++++++",
        ["GET /sitemap.xml"] = "+++++++",
        ["GET /sitemap-pages.xml"] = "+++++++",
        ["GET /sitemap-contributions-{n:int}.xml"] = "+++++++",
        ["GET /profils/{id:guid}"] = "+++++++",
        ["GET /fichiers/{id:guid}"] = "+++++++",
        ["GET /compte/connexion"] = "+++++++",
        ["POST /compte/connexion"] = "+++++++",
        // Without a sign-in waiting for its second factor, the page sends everyone back to the sign-in.
        ["GET /compte/connexion-2fa"] = "-------",
        ["POST /compte/connexion-2fa"] = "-------",
        ["GET /compte/inscription"] = "+++++++",
        ["POST /compte/inscription"] = "+++++++",
        ["GET /compte/confirmer"] = "+++++++",
        ["GET /compte/mot-de-passe-oublie"] = "+++++++",
        ["POST /compte/mot-de-passe-oublie"] = "+++++++",
        ["GET /compte/reinitialiser"] = "+++++++",
        ["POST /compte/reinitialiser"] = "+++++++",
        ["GET /compte/acces-refuse"] = "+++++++",
        ["GET /compte/securite"] = "-+++++-",
        ["GET /compte/identite"] = "-+++++-",
        ["GET /compte/donnees"] = "-+++++-",
        ["GET /compte/donnees/export.json"] = "-+++++-",
        ["GET /compte/donnees/export.html"] = "-+++++-",
        // Allowed means the handler ran: without a choice and a password it deletes nothing (and refuses staff accounts).
        ["GET /compte/supprimer"] = "-+++++-",
        ["POST /compte/supprimer"] = "-+++++-",
        ["GET /confidentialite"] = "+++++++",
        ["GET /admin/donnees"] = "-----+-",
        ["POST /admin/donnees"] = "-----+-",
        ["GET /admin/registre"] = "-----+-",
        ["GET /compte/identite/liste"] = "-+++++-",
        ["POST /compte/identite/liste"] = "-+++++-",
        ["GET /compte/identite/courrier"] = "-+++++-",
        ["POST /compte/identite/courrier?handler=Request"] = "-+++++-",
        ["POST /compte/identite/courrier?handler=Code"] = "-+++++-",
        ["POST /compte/securite?handler=Enable"] = "-+++++-",
        ["POST /compte/securite?handler=Disable"] = "-+++++-",
        ["GET /compte/deconnexion"] = "+++++++",
        ["POST /compte/deconnexion"] = "+++++++",
        // FranceConnect (Ville A verifies with the development provider of its own host, enabled below).
        ["GET /compte/franceconnect"] = "+++++++",
        ["POST /compte/franceconnect"] = "+++++++",
        ["GET /compte/franceconnect/retour"] = "+++++++",
        ["GET /compte/franceconnect/creer-compte"] = "+++++++",
        ["POST /compte/franceconnect/creer-compte"] = "+++++++",
        ["GET /compte/franceconnect/deconnectee"] = "+++++++",
        // The development provider answers everyone (OpenIddict refuses a request without its parameters);
        // userinfo asks for an access token. Its discovery, keys and token endpoints are not routes:
        // DevIdentityProviderTests checks them.
        ["GET /dev-franceconnect/authorize"] = "+++++++",
        ["POST /dev-franceconnect/authorize"] = "+++++++",
        ["GET /dev-franceconnect/userinfo"] = "-------",
        ["POST /dev-franceconnect/userinfo"] = "-------",
        ["GET /dev-franceconnect/logout"] = "+++++++",
        ["GET /moderation"] = "--+--+-",
        ["POST /moderation?handler=Hide"] = "--+--+-",
        ["POST /moderation?handler=Restore"] = "--+--+-",
        ["POST /moderation?handler=Dismiss"] = "--+--+-",
        ["POST /moderation?handler=Block"] = "--+--+-",
        ["POST /moderation?handler=HideComment"] = "--+--+-",
        ["POST /moderation?handler=RestoreComment"] = "--+--+-",
        ["POST /moderation?handler=DismissComment"] = "--+--+-",
        ["GET /petitions/{id:int}/signer"] = "+++++++",
        ["POST /petitions/{id:int}/signer"] = "+++++++",
        ["GET /petitions/signature/confirmer"] = "+++++++",
        ["POST /petitions/signature/confirmer"] = "+++++++",
        ["GET /petitions/{id:int}/compte"] = "+++++++",
        // The signature list (names in elector mode) goes to the institution's agents and administrators only.
        ["GET /admin/petitions/{id:int}/signatures.csv"] = "---+-+-",
        ["GET /moderation/petitions/{id:int}/sources"] = "--+--+-",
        ["POST /moderation/petitions/{id:int}/sources?handler=Invalidate"] = "--+--+-",
        ["GET /moderation/limites"] = "--+--+-",
        ["POST /moderation/limites?handler=Block"] = "--+--+-",
        ["GET /reponses"] = "----++-",
        ["POST /reponses?handler=Publish"] = "----++-",
        ["GET /admin"] = "-----+-",
        ["GET /admin/journal"] = "-----+-",
        ["GET /admin/organisation"] = "-----+-",
        ["POST /admin/organisation"] = "-----+-",
        ["POST /admin/organisation?handler=Logo"] = "-----+-",
        ["GET /admin/roles"] = "-----+-",
        ["POST /admin/roles?handler=Grant"] = "-----+-",
        ["POST /admin/roles?handler=Revoke"] = "-----+-",
        ["GET /admin/territoires"] = "-----+-",
        ["POST /admin/territoires?handler=Add"] = "-----+-",
        ["POST /admin/territoires?handler=Import"] = "-----+-",
        ["GET /admin/identite"] = "-----+-",
        ["POST /admin/identite"] = "-----+-",
        ["GET /admin/identite/liste"] = "-----+-",
        ["POST /admin/identite/liste"] = "-----+-",
        // The town hall desk: agents and administrators.
        ["GET /admin/verifications"] = "---+-+-",
        ["POST /admin/verifications?handler=Grant"] = "---+-+-",
        ["POST /admin/verifications?handler=Revoke"] = "---+-+-",
        ["GET /admin/verifications/courriers"] = "---+-+-",
        ["POST /admin/verifications/courriers?handler=Print"] = "---+-+-",
        ["GET /admin/concertations/{id:int?}"] = "---+-+-",
        ["POST /admin/concertations/{id:int?}"] = "---+-+-",
        ["POST /admin/concertations/{id:int?}?handler=Publish"] = "---+-+-",
        ["POST /admin/concertations/{id:int?}?handler=AddQuestion"] = "---+-+-",
        ["POST /admin/concertations/{id:int?}?handler=UploadCover"] = "---+-+-",
        ["POST /admin/concertations/{id:int?}?handler=UploadDocument"] = "---+-+-",
        ["POST /admin/concertations/{id:int?}?handler=DeleteDocument"] = "---+-+-",
        ["GET /admin/concertations/{id:int}/cloture"] = "---+-+-",
        ["POST /admin/concertations/{id:int}/cloture"] = "---+-+-",
        ["GET /admin/concertations/{id:int}/export.json"] = "-----+-",
        ["GET /admin/concertations/{id:int}/export.csv"] = "-----+-",
        // Proposals: the demo boîte à idées (studied by the agent's service) and its first proposal.
        ["GET /propositions"] = "+++++++",
        ["GET /propositions/espaces/{id:int}"] = "+++++++",
        ["GET /propositions/espaces/{id:int}/proposer"] = "+++++++",
        ["POST /propositions/espaces/{id:int}/proposer?handler=Continue"] = "+++++++",
        ["POST /propositions/espaces/{id:int}/proposer?handler=Publish"] = "+++++++",
        ["GET /propositions/{id:int}"] = "+++++++",
        ["POST /propositions/{id:int}?handler=Support"] = "+++++++",
        ["POST /propositions/{id:int}?handler=Withdraw"] = "+++++++",
        ["POST /propositions/{id:int}?handler=ChangeState"] = "---+-+-",
        ["POST /propositions/{id:int}?handler=Hide"] = "--+--+-",
        ["POST /propositions/{id:int}?handler=Restore"] = "--+--+-",
        ["POST /propositions/{id:int}?handler=Merge"] = "--+--+-",
        ["GET /moderation/propositions"] = "--+--+-",
        ["POST /moderation/propositions?handler=Merge"] = "--+--+-",
        ["GET /admin/propositions"] = "---+-+-",
        ["GET /admin/propositions/espace/{id:int?}"] = "---+-+-",
        ["POST /admin/propositions/espace/{id:int?}"] = "---+-+-",
        ["POST /admin/propositions/espace/{id:int?}?handler=AddCategory"] = "---+-+-",
        ["POST /admin/propositions/espace/{id:int?}?handler=RemoveCategory"] = "---+-+-",
        // Requests: {id:int} is a visible demo request of Ville A; reports are public in the demo.
        ["GET /signalements"] = "+++++++",
        ["GET /signalements/carte.json"] = "+++++++",
        ["GET /signalements/{id:int}"] = "+++++++",
        ["GET /plateforme"] = "-----+-",
        ["POST /plateforme"] = "-----+-",
    };

    private static readonly string[] People = ["anonymous", "citizen", "moderator", "agent", "elected", "admin", "admin of Ville B"];

    private sealed class MatrixFactory : ParvisFactory;

    private readonly MatrixFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await EnableFranceConnectAsync();
    }

    // Also run before each person: the administrator's empty POST of /admin/identite switches every method off.
    private async Task EnableFranceConnectAsync()
    {
        await _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationA.Id);
            org.Identity.EnabledMethods |= VerificationMethods.FranceConnect;
            org.Identity.OidcIssuer = $"http://{ParvisFactory.HostA}/";
            org.Identity.OidcClientId = Parvis.Features.DevIdentityProvider.DevIdentityProviderSetup.ClientId;
            org.Identity.OidcClientSecretProtected = services.GetRequiredService<IDataProtectionProvider>()
                .CreateProtector(Parvis.Features.FranceConnect.OidcSettings.SecretPurpose).Protect(Parvis.Features.DevIdentityProvider.DevIdentityProviderSetup.ClientSecret);
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostA);
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_endpoint_has_a_declared_rule_and_keeps_it_for_everyone()
    {
        var endpoints = await EndpointsAsync();
        var undeclared = endpoints.Except(Rules.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(undeclared.Count == 0, "Declare who may use these endpoints in AuthorizationMatrixTests.Rules:\n" + string.Join("\n", undeclared));
        var stale = Rules.Keys.Except(endpoints).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints that no longer exist:\n" + string.Join("\n", stale));

        var ids = await IdsAsync();
        var wrong = new List<string>();
        for (var person = 0; person < People.Length; person++)
        {
            await EnableFranceConnectAsync();
            var client = await ClientAsync(person);
            // A form token of this person: the sign-out form when signed in, the sign-in form otherwise.
            var token = ((await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")
                ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;
            // Signing out last, so that the other requests keep the person's session.
            foreach (var endpoint in Rules.Keys.OrderBy(k => k.Contains("/deconnexion", StringComparison.Ordinal)))
            {
                var (method, target) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
                var url = ids.Aggregate(target, (u, id) => u.Replace(id.Key, id.Value, StringComparison.Ordinal));
                if (target.StartsWith("/contributions/", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{contribution}"], StringComparison.Ordinal);
                if (target.StartsWith("/petitions/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids[target.EndsWith("/accuse-de-reception", StringComparison.Ordinal) ? "{acknowledged}" : "{petition}"], StringComparison.Ordinal)
                        .Replace("{id:int?}", "", StringComparison.Ordinal).Replace("{token}", ids["{token}"], StringComparison.Ordinal);
                else if (target.Contains("/petitions/{id:int}", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{petition}"], StringComparison.Ordinal);
                if (target.StartsWith("/propositions/", StringComparison.Ordinal) || target.StartsWith("/admin/propositions/", StringComparison.Ordinal))
                    url = target.Replace("{id:int?}", ids["{space}"], StringComparison.Ordinal)
                        .Replace("{id:int}", target.StartsWith("/propositions/espaces/", StringComparison.Ordinal) ? ids["{space}"] : ids["{proposal}"], StringComparison.Ordinal);
                if (target.StartsWith("/profils/", StringComparison.Ordinal)) url = $"/profils/{ids["{author}"]}";
                if (target.StartsWith("/nous-avons-fait/resultats/", StringComparison.Ordinal)) url = $"/nous-avons-fait/resultats/{ids["{published outcome}"]}";
                if (target.StartsWith("/admin/resultats/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{service outcome}"], StringComparison.Ordinal);
                if (target.StartsWith("/signalements/{", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{request}"], StringComparison.Ordinal).Replace("{step:regex(^(confirmer|arreter)$)}", "arreter", StringComparison.Ordinal);
                if (target.StartsWith("/fichiers/", StringComparison.Ordinal)) url = $"/fichiers/{ids["{file}"]}";
                if (target.StartsWith("/guichet/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{request}"], StringComparison.Ordinal);
                if (target.StartsWith("/admin/signalements/categories/", StringComparison.Ordinal))
                    url = target.Replace("{categoryId:int}", ids["{category}"], StringComparison.Ordinal)
                        .Replace("categories/{id:int?}", "categories/" + ids["{category}"], StringComparison.Ordinal).Replace("{id:int?}", "", StringComparison.Ordinal);
                if (target.StartsWith("/open311/", StringComparison.Ordinal))
                    url = target.Replace("{format}", "json", StringComparison.Ordinal).Replace("{code}", "nid-de-poule", StringComparison.Ordinal)
                        .Replace("{id}", ids["{request}"], StringComparison.Ordinal).Replace("{token}", ids["{request token}"], StringComparison.Ordinal);
                if (target.StartsWith("/sitemap-contributions-", StringComparison.Ordinal)) url = "/sitemap-contributions-0.xml";
                var response = method == "GET"
                    ? await client.GetAsync(url)
                    : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var expected = Rules[endpoint][person] == '+';
                if ((int)response.StatusCode >= 500 || Denied(response) == expected)
                    wrong.Add($"{endpoint} as {People[person]}: expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location?.OriginalString is { } to
            && (to.StartsWith("/compte/connexion", StringComparison.Ordinal) || to.StartsWith("/compte/acces-refuse", StringComparison.Ordinal)
                || to.Contains("/compte/connexion?", StringComparison.Ordinal) || to.Contains("/compte/acces-refuse?", StringComparison.Ordinal)));

    /// <summary>"METHOD route" for every minimal-API route, "METHOD route?handler=Name" for every named Razor page handler.</summary>
    private async Task<HashSet<string>> EndpointsAsync()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var loader = _app.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                // A page without a model (the charter) answers GET with its view.
                if (compiled.HandlerMethods.Count == 0) found.Add($"GET {route}");
                foreach (var handler in compiled.HandlerMethods)
                    found.Add($"{handler.HttpMethod.ToUpperInvariant()} {route}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    found.Add($"{method} {route}");
            }
        }
        return found;
    }

    /// <summary>Real ids of Ville A: the open consultation (carried by the agent's service), one of its contributions, its author and a file.</summary>
    private Task<Dictionary<string, string>> IdsAsync() => _app.InAAsync(async db =>
    {
        var consultation = await db.Consultations.Where(c => c.Title == ConsultationData.Open).Select(c => c.Id).SingleAsync();
        var contribution = await db.Contributions.Where(c => c.ConsultationId == consultation && c.State == ModerationState.Published && c.AuthorId != null)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.AuthorId }).FirstAsync();
        var file = await db.StoredFiles.Where(f => f.ConsultationId == consultation).Select(f => f.Id).FirstAsync();
        // Outcomes: one published without a service (never unpublished here), one of the agent's service for the staff routes.
        var publishedOutcome = await db.Outcomes.Where(o => o.PublishedAt != null && o.ServiceName == null).Select(o => o.Id).FirstAsync();
        var serviceOutcome = await db.Outcomes.Where(o => o.ServiceName == "Service urbanisme").Select(o => o.Id).FirstAsync();
        var territory = await db.Territories.Select(t => t.Id).FirstAsync();
        var petition = await db.Petitions.Where(p => p.Status == PetitionStatus.Open).OrderBy(p => p.Id).FirstAsync();
        var acknowledged = new Petition
        {
            AuthorId = petition.AuthorId,
            TerritoryId = petition.TerritoryId,
            Title = "Demande L1112-16",
            Request = "Inscrire la question à l'ordre du jour.",
            Reasons = "Parce que.",
            Addressee = "Le conseil municipal",
            Status = PetitionStatus.Open,
            ElectorMode = true,
            PublishedAt = DateTime.UtcNow,
            ClosesAt = DateTime.UtcNow.AddMonths(6),
            ResponseThreshold = 10,
            AgendaThreshold = 10,
            AgendaThresholdReachedAt = DateTime.UtcNow,
            AcknowledgedAt = DateTime.UtcNow,
        };
        db.Petitions.Add(acknowledged);
        await db.SaveChangesAsync();
        var space = await db.ProposalSpaces.Where(s => s.Title == Parvis.Features.Demo.DemoSeeder.DemoProposalSpace).Select(s => s.Id).SingleAsync();
        var proposal = await db.Proposals.Where(p => p.SpaceId == space && p.Status == ProposalState.Published).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        // A visible acknowledged request of the Service voirie (so the agent of urbanisme is refused its handling page),
        // given an Open311 token as if a client had sent it.
        var request = await db.ServiceRequests.Where(r => r.ServiceName == "Service voirie" && r.Status == RequestStatus.Acknowledged && !r.IsHidden && !r.AwaitingEmail).OrderBy(r => r.Id).FirstAsync();
        request.ApiToken ??= "jeton-de-la-matrice";
        await db.SaveChangesAsync();
        var category = await db.RequestCategories.Where(c => c.Code == "nid-de-poule").Select(c => c.Id).SingleAsync();
        return new Dictionary<string, string>
        {
            ["{request}"] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{request token}"] = request.ApiToken,
            ["{category}"] = category.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{petition}"] = petition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{acknowledged}"] = acknowledged.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{token}"] = petition.SponsorToken,
            ["{id:int?}"] = consultation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{id:int}"] = consultation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{author}"] = contribution.AuthorId!.Value.ToString(),
            ["{file}"] = file.ToString(),
            ["{contribution}"] = contribution.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{published outcome}"] = publishedOutcome.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{service outcome}"] = serviceOutcome.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{territoryId:int}"] = territory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{space}"] = space.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{proposal}"] = proposal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    });

    private async Task<HttpClient> ClientAsync(int person)
    {
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        var client = _app.CreateDefaultClient(new Uri($"http://{ParvisFactory.HostA}"), new CookieJar(jar));
        string? account = person switch { 1 => "habitant", 2 => "moderation", 3 => "agent", 4 => "elu", 5 => "admin", _ => null };
        if (account is not null) await client.LoginAsync($"{account}@{ParvisFactory.DomainA}");
        if (person == 6)
        {
            // The same cookies, obtained on Ville B's host.
            var b = _app.CreateDefaultClient(new Uri($"http://{ParvisFactory.HostB}"), new CookieJar(jar));
            await b.LoginAsync($"admin@{ParvisFactory.DomainB}");
        }
        return client;
    }

    /// <summary>Keeps cookies by name whatever the host, so that a sign-in on b.test is presented to a.test.</summary>
    private sealed class CookieJar(Dictionary<string, string> jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = cookie.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) jar.Remove(name);
                else jar[name] = value;
            }
            return response;
        }
    }
}
