using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PaperKits;

/// <summary>A consultation's printed kit: what its sheets and poster say, and the numbering of the sheets handed out.</summary>
public sealed class ConsultationKits(ParvisDbContext db, TenantContext tenant, PublicLinks links, AuditLog audit)
{
    // A sheet is printed in the organization's language, whatever the language of the agent who prints it.
    private static readonly System.Globalization.CultureInfo French = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");

    public Task<Consultation?> FindAsync(int id) =>
        db.Consultations.Include(c => c.Questions).FirstOrDefaultAsync(c => c.Id == id);

    public PaperKit ContentOf(Consultation consultation)
    {
        var organization = tenant.Organization;
        var until = organization.ToLocal(consultation.SynthesisStartsAt).AddMinutes(-1);
        var service = consultation.ServiceName ?? organization.Name;
        var use = $"{organization.Name} saisit chaque feuille reçue : vos réponses sont publiées sur le site avec les " +
            $"contributions en ligne et comptées avec elles. {service} les lit et en rend compte dans le bilan de la " +
            "concertation, publié sur la même page.";
        var objectives = Excerpt.SummaryOfMarkdown(consultation.ObjectivesMarkdown, 300);
        return new PaperKit(organization.Name, consultation.Title, Excerpt.Summary(consultation.Summary, 400),
            string.Create(French, $"Vous pouvez répondre jusqu'au {until:d MMMM yyyy 'à' HH:mm}."),
            objectives.Length > 0 ? $"{use} {objectives}" : use,
            [new PaperPart(null, [.. consultation.Questions.Where(q => q.Kind == ConsultationQuestionKind.Open).OrderBy(q => q.Position).Select(q => PaperQuestion.Written(q.Text))])],
            links.To($"/concertations/{consultation.Id}"),
            "Votre nom (facultatif : il sera publié avec votre réponse ; sans nom, elle est publiée sans auteur)");
    }

    /// <summary>Numbers the next sheets (never twice, even when two agents print at once) and records who printed them.</summary>
    public async Task<IReadOnlyList<PaperSheetReference>> PrintSheetsAsync(Consultation consultation, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var sheets = consultation.PrintPaperSheets(count);
            audit.Record("consultation.print-kit", nameof(Consultation), consultation.Id,
                $"{count} feuille(s) : {sheets[0]} à {sheets[^1]}");
            try
            {
                await db.SaveChangesAsync();
                return sheets;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                consultation = (await FindAsync(consultation.Id))!;
            }
        }
    }
}
