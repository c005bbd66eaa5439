using System.ComponentModel.DataAnnotations;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>Configuration section <c>Imports</c>.</summary>
public sealed class ImportSettings
{
    public const string Section = "Imports";

    /// <summary>How long an uploaded file is kept (encrypted) after its upload; then the daily
    /// <see cref="ImportFileRetentionJob"/> deletes it. The run keeps its SHA-256, counts and report.</summary>
    [Range(1, 3650, ErrorMessage = "Imports:RetentionDays moet een geheel aantal dagen van 1 tot en met 3650 zijn.")]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often every instance looks for imports whose process died (<see cref="ImportWatchdog"/>).</summary>
    [Range(1, 300, ErrorMessage = "Imports:WatchdogSeconds moet een geheel aantal seconden van 1 tot en met 300 zijn.")]
    public int WatchdogSeconds { get; set; } = 30;
}
