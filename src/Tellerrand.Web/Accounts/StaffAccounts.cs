using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Accounts;

/// <summary>A staff account as the administration page lists it.</summary>
public sealed record StaffMember(string Id, string DisplayName, string Email, string Role, Guid? OrganisationId);

/// <summary>Creating and managing the accounts of administrators, organisers and moderators.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, StaffMailSender mails)
{
    /// <summary>Creates the first administrator through the one-time set-up link.</summary>
    public async Task<IReadOnlyList<RuleViolation>> CreateFirstAdminAsync(
        FirstRunSetup setup, string token, string displayName, string email, string password)
    {
        if (!setup.IsValid(token))
            return [new RuleViolation("", "Setup_LinkUsed")];
        var user = NewUser(displayName, email);
        var violations = await CreateAsync(user, StaffRoles.Admin, password);
        if (violations.Count == 0 && !setup.TryConsume(token))
        {
            // Two set-up forms were submitted at once; only the first one wins.
            await users.DeleteAsync(user);
            return [new RuleViolation("", "Setup_LinkUsed")];
        }
        return violations;
    }

    /// <summary>
    /// Creates an organiser's or moderator's account and e-mails them a link to choose a password,
    /// so an administrator never knows anybody's password.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> InviteAsync(
        string displayName, string email, string role, Guid? organisationId, string baseUrl)
    {
        if (!StaffRoles.All.Contains(role))
            return [new RuleViolation("Role", "Staff_RoleUnknown")];
        var user = NewUser(displayName, email);
        user.OrganisationId = organisationId;
        var violations = await CreateAsync(user, role, password: null);
        if (violations.Count > 0) return violations;

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{baseUrl.TrimEnd('/')}/Account/ResetPassword?code={code}";
        await mails.SendInvitationAsync(user, role, link);
        return [];
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.DisplayName).ToListAsync();
        var members = new List<StaffMember>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            members.Add(new StaffMember(user.Id, user.DisplayName, user.Email ?? "", role, user.OrganisationId));
        }
        return members;
    }

    /// <summary>Deletes an account; the last administrator cannot be deleted, or nobody could manage the installation.</summary>
    public async Task<IReadOnlyList<RuleViolation>> DeleteAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return [new RuleViolation("", "Staff_NotFound")];
        if (await users.IsInRoleAsync(user, StaffRoles.Admin) && (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count == 1)
            return [new RuleViolation("", "Staff_LastAdmin")];
        await users.DeleteAsync(user);
        return [];
    }

    private static StaffUser NewUser(string displayName, string email) => new()
    {
        DisplayName = displayName.Trim(),
        UserName = email.Trim(),
        Email = email.Trim(),
        // The invitation or set-up link proves the address, so there is no separate confirmation.
        EmailConfirmed = true,
    };

    private async Task<IReadOnlyList<RuleViolation>> CreateAsync(StaffUser user, string role, string? password)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(user.DisplayName))
            violations.Add(new("DisplayName", "Staff_NameRequired"));
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(user.Email) || string.IsNullOrWhiteSpace(user.Email))
            violations.Add(new("Email", "Staff_EmailInvalid"));
        else if (await users.FindByEmailAsync(user.Email) is not null)
            violations.Add(new("Email", "Staff_EmailTaken", user.Email));
        if (violations.Count > 0) return violations;

        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return created.Errors.Select(e => new RuleViolation(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "", "Identity_" + e.Code)).ToList();
        await users.AddToRoleAsync(user, role);
        return [];
    }
}
