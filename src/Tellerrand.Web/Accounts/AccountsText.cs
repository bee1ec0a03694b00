namespace Tellerrand.Web.Accounts;

/// <summary>Marker for the accounts capability's resources (<c>AccountsText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class AccountsText;
