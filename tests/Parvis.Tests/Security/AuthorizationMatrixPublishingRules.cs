namespace Parvis.Tests.Security;

/// <summary>The rules of what the city publishes: projects, news and the home page, surveys, budgets (columns as in <c>AuthorizationMatrixRules.cs</c>).</summary>
public sealed partial class AuthorizationMatrixTests
{
    // A method, not a field: static fields of partial files initialise in no set order.
    private static Dictionary<string, string> PublishingRules() => new()
    {
        // Projects: public when published; staff pages for agents and administrators (the demo project is the agent's service's).
        ["GET /projets"] = "+++++++",
        ["GET /projets/{id:int}"] = "+++++++",
        // News: public from their date (the demo's commented post); commenting for signed-in people (an empty comment is
        // refused with a form error); staff pages for agents and administrators on a draft; comments' queue for moderators;
        // the home page's blocks for administrators (no block named: refused with a form error).
        ["GET /actualites"] = "+++++++",
        ["GET /actualites/{id:int}"] = "+++++++",
        ["POST /actualites/{id:int}?handler=Comment"] = "-+++++-",
        ["GET /actualites/rss"] = "+++++++",
        ["GET /actualites/atom"] = "+++++++",
        ["GET /admin/actualites"] = "---+-+-",
        ["GET /admin/actualites/nouvelle"] = "---+-+-",
        ["POST /admin/actualites/nouvelle"] = "---+-+-",
        ["GET /admin/actualites/{id:int}"] = "---+-+-",
        ["POST /admin/actualites/{id:int}"] = "---+-+-",
        ["POST /admin/actualites/{id:int}?handler=Publish"] = "---+-+-",
        ["POST /admin/actualites/{id:int}?handler=Unpublish"] = "---+-+-",
        ["POST /admin/actualites/{id:int}?handler=Cover"] = "---+-+-",
        ["POST /admin/actualites/{id:int}?handler=RemoveCover"] = "---+-+-",
        ["GET /moderation/actualites"] = "--+--+-",
        ["POST /moderation/actualites?handler=Publish"] = "--+--+-",
        ["POST /moderation/actualites?handler=Hide"] = "--+--+-",
        ["GET /admin/accueil"] = "-----+-",
        ["POST /admin/accueil?handler=Up"] = "-----+-",
        ["POST /admin/accueil?handler=Down"] = "-----+-",
        ["POST /admin/accueil?handler=Show"] = "-----+-",
        ["POST /admin/accueil?handler=Hide"] = "-----+-",
        ["GET /admin/projets"] = "---+-+-",
        ["GET /admin/projets/nouveau"] = "---+-+-",
        ["POST /admin/projets/nouveau"] = "---+-+-",
        ["GET /admin/projets/{id:int}"] = "---+-+-",
        ["POST /admin/projets/{id:int}"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=Publish"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=Unpublish"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=AddPhase"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=UpdatePhase"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=RemovePhase"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=Link"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=Unlink"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=UnlinkOutcome"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=AddFile"] = "---+-+-",
        ["POST /admin/projets/{id:int}?handler=RemoveFile"] = "---+-+-",
        // Surveys, staff side: agents (of the survey's service) and administrators.
        // Surveys: the demo survey and quick question are open to anyone (one answer per device), their results public.
        ["GET /enquetes"] = "+++++++",
        ["GET /enquetes/{id:int}"] = "+++++++",
        ["POST /enquetes/{id:int}"] = "+++++++",
        ["POST /enquetes/{id:int}?handler=Quick"] = "+++++++",
        ["GET /enquetes/{id:int}/resultats"] = "+++++++",
        ["GET /admin/enquetes"] = "---+-+-",
        ["GET /admin/enquetes/nouvelle"] = "---+-+-",
        ["POST /admin/enquetes/nouvelle"] = "---+-+-",
        ["GET /admin/enquetes/{id:int}"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=Publish"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=Close"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=AddSection"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=RenameSection"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=MoveSection"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=AddQuestion"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}?handler=RemoveQuestion"] = "---+-+-",
        ["GET /admin/enquetes/{id:int}/reponses"] = "---+-+-",
        ["GET /admin/enquetes/{id:int}/reponses?handler=Csv"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}/reponses?handler=Hide"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}/reponses?handler=Show"] = "---+-+-",
        ["GET /admin/enquetes/{id:int}/papier"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}/papier"] = "---+-+-",
        // The survey's printed kit: the matrix's survey is a draft, so the page says it cannot be printed yet (a 200).
        ["GET /admin/enquetes/{id:int}/kit"] = "---+-+-",
        ["POST /admin/enquetes/{id:int}/kit"] = "---+-+-",
        ["GET /admin/enquetes/{id:int}/kit?handler=Poster"] = "---+-+-",
        // Budgets: public pages (the demo budget whose vote is open; the closed one's results and .pb file); voting needs an
        // account (an empty ballot is refused with a form error). Staff pages on a draft of the agent's service.
        ["GET /budgets"] = "+++++++",
        ["GET /budgets/{id:int}"] = "+++++++",
        ["POST /budgets/{id:int}"] = "-+++++-",
        ["GET /budgets/{id:int}/resultats"] = "+++++++",
        ["GET /budgets/{id:int}/resultats?handler=Pb"] = "+++++++",
        ["GET /admin/budgets"] = "---+-+-",
        ["GET /admin/budgets/nouveau"] = "---+-+-",
        ["POST /admin/budgets/nouveau"] = "---+-+-",
        ["GET /admin/budgets/{id:int}"] = "---+-+-",
        ["POST /admin/budgets/{id:int}"] = "---+-+-",
        ["POST /admin/budgets/{id:int}?handler=Publish"] = "---+-+-",
        ["POST /admin/budgets/{id:int}?handler=AddProject"] = "---+-+-",
        ["GET /admin/budgets/projets/{id:int}"] = "---+-+-",
        ["POST /admin/budgets/projets/{id:int}"] = "---+-+-",
    };
}
