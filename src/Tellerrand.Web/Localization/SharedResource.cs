using System.Resources;

[assembly: NeutralResourcesLanguage("de")]

namespace Tellerrand.Web.Localization;

/// <summary>
/// Marker for the texts every capability shares (layout, navigation, common buttons, rule messages).
/// The neutral <c>SharedResource.resx</c> is German, the default language; <c>.en.resx</c> is English.
/// </summary>
public sealed class SharedResource;
