using Hangfire;

namespace SociaalDomein.Infrastructure.Jobs;

/// <summary>Every schedule of the product, in one place.</summary>
public static class RecurringJobs
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public const string ImportFileRetention = "importbestanden-bewaartermijn";
    public const string ProviderWarnings = "aanbieders-signaleringen";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<DatabaseMaintenanceJob>(
            "database-onderhoud", job => job.RunAsync(CancellationToken.None), Cron.Daily(3), new RecurringJobOptions { TimeZone = Amsterdam });
        jobs.AddOrUpdate<Imports.ImportFileRetentionJob>(
            ImportFileRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(2), new RecurringJobOptions { TimeZone = Amsterdam });
        jobs.AddOrUpdate<Providers.ProviderRecomputeJob>(
            Providers.ProviderRecomputeJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(4), new RecurringJobOptions { TimeZone = Amsterdam });
        jobs.AddOrUpdate<Forecasts.ForecastRecomputeJob>(
            Forecasts.ForecastRecomputeJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(4, 30), new RecurringJobOptions { TimeZone = Amsterdam });
        jobs.AddOrUpdate<Providers.ProviderWarningJob>(
            ProviderWarnings, job => job.RunAsync(CancellationToken.None), Cron.Daily(6), new RecurringJobOptions { TimeZone = Amsterdam });
    }
}
