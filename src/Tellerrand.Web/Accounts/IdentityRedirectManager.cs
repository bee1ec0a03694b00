using Microsoft.AspNetCore.Components;

namespace Tellerrand.Web.Accounts;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    /// <summary>
    /// Status messages travel as <see cref="AccountsText"/> keys: <c>Status_…</c> confirms, <c>StatusError_…</c> reports a problem.
    /// </summary>
    public const string ErrorPrefix = "StatusError_";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative)
            || uri.StartsWith("//", StringComparison.Ordinal))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }

        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    /// <param name="statusKey">A <c>Status_…</c> or <c>StatusError_…</c> key of <see cref="AccountsText"/>.</param>
    public void RedirectToWithStatus(string uri, string statusKey, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, statusKey, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string statusKey, HttpContext context)
        => RedirectToWithStatus(CurrentPath, statusKey, context);

    /// <summary>The signed-in account no longer exists (deleted by an administrator, or signed in elsewhere and removed).</summary>
    public void RedirectToInvalidUser(HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", "StatusError_InvalidUser", context);
}
