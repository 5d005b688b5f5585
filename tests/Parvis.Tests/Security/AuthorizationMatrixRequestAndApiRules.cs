namespace Parvis.Tests.Security;

/// <summary>
/// The rules of requests (handling, reporting, administration, Open311) and of the public API (columns as in
/// <c>AuthorizationMatrixRules.cs</c>).
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    // A method, not a field: static fields of partial files initialise in no set order.
    private static Dictionary<string, string> RequestAndApiRules() => new()
    {
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
        ["GET /compte/participations"] = "-+++++-",
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
        // The former Open311 keys page: a permanent redirect to /admin/cles-api, for administrators.
        ["GET /admin/open311"] = "-----+-",
        // Open311: reading is public (cookies ignored); posting needs an API key, which no person's cookie replaces.
        ["GET /open311/v2/discovery.{format}"] = "+++++++",
        ["GET /open311/v2/services.{format}"] = "+++++++",
        ["GET /open311/v2/services/{code}.{format}"] = "+++++++",
        ["GET /open311/v2/requests.{format}"] = "+++++++",
        ["GET /open311/v2/requests/{id}.{format}"] = "+++++++",
        ["GET /open311/v2/tokens/{token}.{format}"] = "+++++++",
        ["GET /open311/v2/servicerequestupdates.{format}"] = "+++++++",
        ["POST /open311/v2/requests.{format}"] = "-------",
        // Any other path under the API: a 404 (or 405) in the spec's error format, for everyone.
        ["GET /open311/v2/{**path}"] = "-------",
        // The public API reads public data only: a person's cookie changes nothing; an unknown path is a 404.
        ["GET /api/v1/consultations"] = "+++++++",
        ["GET /api/v1/consultations/{id:int}"] = "+++++++",
        ["GET /api/v1/contributions"] = "+++++++",
        ["GET /api/v1/contributions/{id:int}"] = "+++++++",
        ["GET /api/v1/comments"] = "+++++++",
        ["GET /api/v1/proposals"] = "+++++++",
        ["GET /api/v1/proposals/{id:int}"] = "+++++++",
        ["GET /api/v1/petitions"] = "+++++++",
        ["GET /api/v1/petitions/{id:int}"] = "+++++++",
        ["GET /api/v1/outcomes"] = "+++++++",
        ["GET /api/v1/outcomes/{id:int}"] = "+++++++",
        ["GET /api/v1/territories"] = "+++++++",
        ["GET /api/v1/territories/{id:int}"] = "+++++++",
        ["GET /api/v1/{**path}"] = "-------",
        ["GET /api/{documentName}/openapi.json"] = "+++++++",
        ["GET /api/docs/{documentName?}"] = "+++++++",
        ["GET /api/docs/scalar.js"] = "+++++++",
        ["GET /api/docs/scalar.aspnetcore.js"] = "+++++++",
        ["GET /api/docs/favicon.svg"] = "+++++++",
        // Open data: public, like the pages they come from.
        ["GET /donnees"] = "+++++++",
        ["GET /donnees/data.json"] = "+++++++",
        ["GET /donnees/{dataset}.{format}"] = "+++++++",
        ["HEAD /donnees/data.json"] = "+++++++",
        ["HEAD /donnees/{dataset}.{format}"] = "+++++++",
    };
}
