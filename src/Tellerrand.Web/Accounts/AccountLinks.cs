using Microsoft.AspNetCore.Components;
using Tellerrand.Web.Hosting;

namespace Tellerrand.Web.Accounts;

/// <summary>
/// Absolute addresses for links that go out by e-mail: the operator's <see cref="TellerrandOptions.PublicBaseUrl"/>
/// when set (behind a reverse proxy the request's own address may be an internal one), else the current request's.
/// </summary>
internal static class AccountLinks
{
    public static string BaseUrl(TellerrandOptions options, NavigationManager navigation) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? navigation.BaseUri : options.PublicBaseUrl.TrimEnd('/') + "/";

    public static string Absolute(TellerrandOptions options, NavigationManager navigation, string relativePath) =>
        new Uri(new Uri(BaseUrl(options, navigation)), relativePath).AbsoluteUri;
}
