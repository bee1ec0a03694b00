namespace Tellerrand.Web.Registration;

/// <summary>Marker for the registration capability's resources (<c>RegistrationText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class RegistrationText;
