using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Outreach;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Registration;

namespace Tellerrand.Web.Tests.Outreach;

/// <summary>Contact import through the organiser's page (preview, then confirm) and the CSV exports, on both databases.</summary>
public abstract class ContactImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName, string kind = "Business")
    {
        var page = await client.GetStringAsync("/organise/contacts");
        var token = TellerrandApp.AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("contacts-import"), "_handler" },
            { new StringContent("preview"), "Step" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new ByteArrayContent(file), "File", fileName },
        };
        return await client.PostAsync("/organise/contacts", form);
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string previewPage)
    {
        string Hidden(string name) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(previewPage, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
        var token = TellerrandApp.AntiforgeryToken().Match(previewPage).Groups[1].Value;
        return await client.PostAsync("/organise/contacts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "contacts-import", ["Step"] = "confirm", ["__RequestVerificationToken"] = token,
            ["Kind"] = Hidden("Kind"), ["FileName"] = Hidden("FileName"), ["Content"] = Hidden("Content"),
        }));
    }

    [Fact]
    public async Task PreviewStoresNothingAndConfirmImportsTheGoodRowsOnce()
    {
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var file = Encoding.UTF8.GetBytes(
            $"Firma;E-Mail;Gewerk\r\nTischlerei Lange;lange-{suffix}@t.example;Tischler\r\nDoppelt;LANGE-{suffix}@t.example;Tischler\r\nKaputt;keine-adresse;Maler\r\n" +
            $"Formel;=HYPERLINK(\"x\")@t.example;\r\nGlaserei <b>Klar</b>;klar-{suffix}@t.example;Glaser\r\n");

        var preview = await UploadAsync(organiser, file, "kontakte.csv");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var raw = await preview.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);
        Assert.Contains("2 Kontakte können übernommen werden, 3 Zeilen nicht", html);
        Assert.Contains("Diese E-Mail-Adresse steht schon in Zeile 2.", html);
        Assert.Contains("„keine-adresse“ ist keine gültige E-Mail-Adresse.", html);
        Assert.DoesNotContain("<b>Klar</b>", raw);
        await using (var db = app.CreateDb())
        {
            Assert.False(await db.Contacts.AnyAsync(c => c.EmailKey.Contains(suffix)));
        }

        var confirmed = await ConfirmAsync(organiser, raw);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.EndsWith("/organise/contacts?imported=2", confirmed.Headers.Location?.OriginalString);
        await using (var db = app.CreateDb())
        {
            var stored = await db.Contacts.Where(c => c.EmailKey.Contains(suffix)).OrderBy(c => c.EmailKey).ToListAsync();
            Assert.Equal([$"klar-{suffix}@t.example", $"lange-{suffix}@t.example"], stored.Select(c => c.EmailKey));
            Assert.Equal(("Tischler", "A-27", "kontakte.csv"), (stored[1].Trade, stored[1].TradeKey, stored[1].Source));
        }

        // The same file again: everybody is known, nothing can be imported, and nothing is.
        var again = WebUtility.HtmlDecode(await (await UploadAsync(organiser, file, "kontakte.csv")).Content.ReadAsStringAsync());
        Assert.Contains("Diesen Kontakt gibt es schon.", again);
        Assert.Contains("Aus dieser Datei können wir nichts übernehmen. Es wurde nichts gespeichert.", again);
    }

    [Fact]
    public async Task WorkbookInsteadOfCsvGetsAClearReportAndImportsNothing()
    {
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        await using var before = app.CreateDb();
        var count = await before.Contacts.CountAsync();

        var answer = WebUtility.HtmlDecode(await (await UploadAsync(organiser, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01], "liste.xlsx")).Content.ReadAsStringAsync());

        Assert.Contains("Das ist keine CSV-Datei (sie enthält Binärdaten)", answer);
        Assert.DoesNotContain("name=\"Content\"", answer);
        await using var after = app.CreateDb();
        Assert.Equal(count, await after.Contacts.CountAsync());
    }

    [Fact]
    public async Task ContactsExportIsExcelReadyAndNeutralised()
    {
        await using (var db = app.CreateDb())
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            db.Contacts.Add(new Contact { Id = Guid.NewGuid(), Kind = ContactKind.Business, Email = $"f-{suffix}@t.example", EmailKey = $"f-{suffix}@t.example", Name = "=HYPERLINK(\"http://evil.example\")", Organisation = "Bäckerei Grün", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var response = await organiser.GetAsync("/organise/contacts.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Art;E-Mail;Name;Organisation;Gewerk", text);
        Assert.Contains("'=HYPERLINK", text);
        Assert.Contains("Bäckerei Grün", text);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserLikeClient().GetAsync("/organise/contacts.csv")).StatusCode);
    }

    [Fact]
    public async Task RegistrationsExportListsTheEventsApplicationsOnly()
    {
        var ev = await app.OpenEventAsync();
        var other = await app.OpenEventAsync();
        var email = $"export-{Guid.NewGuid():N}@test.example";
        await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email, "-Minus Betrieb"));
        var elsewhere = $"anderswo-{Guid.NewGuid():N}@test.example";
        await app.CreateBrowserLikeClient().RegisterBusinessAsync(other, RegistrationHelpers.BusinessForm(elsewhere));
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var bytes = await organiser.GetByteArrayAsync($"/organise/events/{ev.Id}/registrations.csv");

        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Name;E-Mail;Rolle;Stand;Betrieb;Gewerk", text);
        Assert.Contains($"Kerstin Lange;{email};Handwerksbetrieb;Angemeldet (unbestätigt);\"'-Minus Betrieb\";Tischler", text);
        Assert.DoesNotContain(elsewhere, text);
    }
}

public sealed class ContactImportTestsOnSqlite(RegistrationSqliteApp app) : ContactImportTests<RegistrationSqliteApp>(app);

public sealed class ContactImportTestsOnPostgres(RegistrationPostgresApp app) : ContactImportTests<RegistrationPostgresApp>(app);
