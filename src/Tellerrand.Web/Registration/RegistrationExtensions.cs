namespace Tellerrand.Web.Registration;

public static class RegistrationExtensions
{
    public static IHostApplicationBuilder AddRegistration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PeopleService>();
        return builder;
    }
}
