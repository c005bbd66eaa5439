using Hangfire;

namespace SociaalDomein.Infrastructure.Jobs;

/// <summary>Every schedule of the product, in one place.</summary>
public static class RecurringJobs
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<DatabaseMaintenanceJob>(
            "database-onderhoud", job => job.RunAsync(CancellationToken.None), Cron.Daily(3), new RecurringJobOptions { TimeZone = Amsterdam });
    }
}
