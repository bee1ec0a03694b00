using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Mail;

/// <summary>A real SMTP server on loopback, in the test process, that keeps what it receives.</summary>
public sealed class SmtpSink : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public SmtpSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>The configuration that points an app at this server.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Tellerrand:Mail:SmtpHost", "127.0.0.1"),
        new("Tellerrand:Mail:SmtpPort", Port.ToString()),
        new("Tellerrand:Mail:SmtpUseTls", "false"),
        new("Tellerrand:Mail:FromAddress", "tellerrand@hwk.example"),
        new("Tellerrand:Mail:RetryDelay", "00:00:00.200"),
        new("Tellerrand:Mail:PollInterval", "00:00:00.100"),
    ];

    private int refuse;

    /// <summary>The next <paramref name="count"/> messages are refused with "452 insufficient storage", a temporary failure.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref refuse, count);

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref refuse) >= 0) return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try again later");
        await using var stream = new MemoryStream(buffer.ToArray());
        Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await running; } catch (OperationCanceledException) { }
    }
}

public sealed class SmtpApp : SqliteApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => Smtp.Settings;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SmtpMailTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    [Fact]
    public async Task InvitationReachesTheSmtpServerWithASetPasswordLink()
    {
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new("de");
        try
        {
            Assert.Empty(await accounts.InviteAsync("Ulrike Franke", "u.franke@hwk.example", StaffRoles.Moderator, null, "https://tellerrand.hwk.example/"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }

        await app.MailSettledAsync();
        var mail = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Single().Address == "u.franke@hwk.example");
        Assert.Equal("tellerrand@hwk.example", mail.From.Mailboxes.Single().Address);
        Assert.Contains("https://tellerrand.hwk.example/Account/ResetPassword?code=", mail.TextBody);
        Assert.Contains("Ulrike Franke", mail.TextBody);
    }

    [Fact]
    public async Task DuplicateInvitationIsRefusedAndSendsNothing()
    {
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var email = $"zweimal-{Guid.NewGuid():N}@hwk.example";
        Assert.Empty(await accounts.InviteAsync("Erste", email, StaffRoles.Organiser, null, "https://t.example"));
        await app.MailSettledAsync();
        var sent = app.Smtp.Received.Count;

        var again = await accounts.InviteAsync("Zweite", email, StaffRoles.Organiser, null, "https://t.example");

        Assert.Equal(("Email", "Staff_EmailTaken"), (Assert.Single(again).Field, again[0].MessageKey));
        await app.MailSettledAsync();
        Assert.Equal(sent, app.Smtp.Received.Count);
    }
}

public sealed class OutboxMailTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task WithoutSmtpMailLandsInTheOutboxFolder()
    {
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();

        Assert.Empty(await accounts.InviteAsync("Anja Hennig", "a.hennig@ks.example", StaffRoles.Organiser, null, "http://localhost:5000"));

        await app.MailSettledAsync();
        var file = Assert.Single(Directory.GetFiles(app.OutboxPath, "*.eml"));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("a.hennig@ks.example", mail.To.Mailboxes.Single().Address);
        Assert.Contains("/Account/ResetPassword?code=", mail.TextBody);
    }
}
