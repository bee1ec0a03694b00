namespace Tellerrand.Web.Registration;

/// <summary>A creative discipline; <see cref="Key"/> is what <see cref="CreativeProfile.Disciplines"/> stores.</summary>
public sealed record Discipline(string Key, string NameDe, string NameEn)
{
    /// <summary>The name in the reader's language: English for English readers, German for everybody else.</summary>
    public string Name => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? NameEn : NameDe;
}

/// <summary>The creative disciplines of the team's working taxonomy (<c>disciplines.csv</c>), in its order.</summary>
public static class Disciplines
{
    public static IReadOnlyList<Discipline> All { get; } =
    [
        new("industrial_design", "Industriedesign", "Industrial design"),
        new("product_design", "Produktdesign", "Product design"),
        new("communication_design", "Kommunikationsdesign", "Communication design"),
        new("graphic_design", "Grafikdesign", "Graphic design"),
        new("ux_design", "UX-/UI-Design", "UX/UI design"),
        new("service_design", "Service Design", "Service design"),
        new("interior_design", "Innenarchitektur / Interior Design", "Interior design"),
        new("fashion_design", "Modedesign", "Fashion design"),
        new("illustration", "Illustration", "Illustration"),
        new("photography", "Fotografie", "Photography"),
        new("architecture", "Architektur", "Architecture"),
        new("storytelling", "Storytelling", "Storytelling"),
        new("copywriting", "Texten / Content", "Copywriting and content"),
        new("journalism", "Journalismus", "Journalism"),
        new("pr", "Öffentlichkeitsarbeit / PR", "Public relations"),
        new("online_marketing", "Online-Marketing", "Online marketing"),
        new("social_media", "Social Media", "Social media"),
        new("branding", "Markenentwicklung / Branding", "Branding"),
        new("film_video", "Film und Video", "Film and video"),
        new("animation", "Animation", "Animation"),
        new("sound_design", "Sounddesign", "Sound design"),
        new("music", "Musik", "Music"),
        new("podcast", "Podcast / Audio", "Podcast and audio"),
        new("performing", "Theater / Performance", "Theatre and performance"),
        new("fine_art", "Bildende Kunst", "Fine art"),
        new("web_development", "Webentwicklung", "Web development"),
        new("software_development", "Softwareentwicklung", "Software development"),
        new("games_gamification", "Games / Gamification", "Games and gamification"),
        new("xr", "Virtual / Augmented Reality", "Virtual and augmented reality"),
    ];

    public static bool IsKnown(string key) => All.Any(d => d.Key == key);
}
