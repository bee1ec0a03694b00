using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Mail;

namespace Tellerrand.Web.Accounts;

/// <summary>
/// The e-mails Identity sends to staff, written in the resources like every other text. They carry
/// set-password links, so only administrators may read them in the outbox.
/// </summary>
public sealed class StaffMailSender(IMailer mailer, IStringLocalizer<AccountsText> text) : IEmailSender<StaffUser>
{
    public Task SendConfirmationLinkAsync(StaffUser user, string email, string confirmationLink) =>
        Send(user, email, text["Mail_Confirm_Subject"], text["Mail_Confirm_Body", user.DisplayName, confirmationLink]);

    public Task SendPasswordResetLinkAsync(StaffUser user, string email, string resetLink) =>
        Send(user, email, text["Mail_Reset_Subject"], text["Mail_Reset_Body", user.DisplayName, resetLink]);

    public Task SendPasswordResetCodeAsync(StaffUser user, string email, string resetCode) =>
        Send(user, email, text["Mail_Reset_Subject"], text["Mail_ResetCode_Body", user.DisplayName, resetCode]);

    /// <summary>The invitation an administrator sends with a new account: a link to choose a password.</summary>
    public Task SendInvitationAsync(StaffUser user, string role, string setPasswordLink) =>
        Send(user, user.Email!, text["Mail_Invite_Subject"], text["Mail_Invite_Body", user.DisplayName, text["Role_" + role], setPasswordLink]);

    private Task Send(StaffUser user, string email, string subject, string body) =>
        mailer.SendAsync(new OutgoingMail(email, user.DisplayName, subject, body, Readers: MailReaders.Administrators));
}
