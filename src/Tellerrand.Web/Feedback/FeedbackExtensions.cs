namespace Tellerrand.Web.Feedback;

public static class FeedbackExtensions
{
    /// <summary>Surveys and their persisted schedule, and contact requests between businesses and creatives.</summary>
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FeedbackMails>();
        builder.Services.AddSingleton<FeedbackSchedule>();
        builder.Services.AddSingleton<SurveyService>();
        builder.Services.AddSingleton<ContactRequests>();
        builder.Services.AddHostedService<FeedbackScheduler>();
        return builder;
    }
}
