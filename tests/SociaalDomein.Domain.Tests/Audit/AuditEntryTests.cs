using SociaalDomein.Domain.Audit;

namespace SociaalDomein.Domain.Tests.Audit;

public class AuditEntryTests
{
    [Theory]
    [InlineData("toewijzingen 123456782.csv", "toewijzingen [BSN weggelaten].csv")]
    [InlineData("client-1234.56.782-jan.xlsx", "client-[BSN weggelaten]-jan.xlsx")]
    [InlineData("Wmo 8011 AB 3.csv", "Wmo 8011 **.csv")]
    [InlineData("adres_8011ab-12a.csv", "adres_8011 **.csv")]
    [InlineData("8011AB", "8011 **")]
    public void Personal_data_in_user_supplied_text_is_masked(string text, string expected) =>
        Assert.Equal(expected, AuditText.WithoutPersonalData(text));

    [Theory]
    [InlineData("Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus")]
    [InlineData("Postcode 8011: Stad → Noord")]
    [InlineData("export 123456789.csv")] // nine digits, but not a BSN
    [InlineData("toewijzingen-20181101.csv")]
    [InlineData("Toewijzingen 2018 en 2019")]
    [InlineData("1234567820")]
    public void Text_without_personal_data_is_kept_as_it_is(string text) =>
        Assert.Equal(text, AuditText.WithoutPersonalData(text));

    [Fact]
    public void An_entry_is_in_utc_with_a_trimmed_user_and_a_cleaned_subject()
    {
        var entry = AuditEntry.Create(new DateTimeOffset(2026, 11, 23, 14, 5, 9, TimeSpan.FromHours(1)), " beheerder@demo.local ",
            AuditAction.ImportStarted, "Toewijzingen: 111222333.csv", "  ");

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 5, 9, TimeSpan.Zero), entry.OccurredAt);
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
        Assert.Equal("beheerder@demo.local", entry.UserName);
        Assert.Equal("Toewijzingen: [BSN weggelaten].csv", entry.Subject);
        Assert.Null(entry.Details);
    }

    [Fact]
    public void A_missing_user_is_recorded_as_unknown_and_long_text_is_cut_to_fit()
    {
        var entry = AuditEntry.Create(DateTimeOffset.UtcNow, null, AuditAction.Export, new string('x', 500), new string('y', 5000));

        Assert.Equal("onbekend", entry.UserName);
        Assert.Equal(AuditEntry.SubjectMaxLength, entry.Subject.Length);
        Assert.EndsWith("…", entry.Subject);
        Assert.Equal(AuditEntry.DetailsMaxLength, entry.Details!.Length);
    }

    [Fact]
    public void An_entry_needs_a_subject_and_a_known_action()
    {
        Assert.Throws<ArgumentException>(() => AuditEntry.Create(DateTimeOffset.UtcNow, "a", AuditAction.Export, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditEntry.Create(DateTimeOffset.UtcNow, "a", (AuditAction)99, "iets"));
    }

    [Theory]
    [InlineData("ImportStarted", AuditAction.ImportStarted)]
    [InlineData("export", AuditAction.Export)]
    [InlineData("Wijkindeling vervangen", AuditAction.DistrictsReplaced)]
    [InlineData(" herberekening stapeling aangevraagd ", AuditAction.StackingRecomputeRequested)]
    [InlineData("Verwijderd", null)]
    [InlineData("", null)]
    public void An_action_is_found_by_its_code_or_its_Dutch_name(string name, AuditAction? expected) =>
        Assert.Equal(expected, AuditActions.Parse(name));

    [Fact]
    public void Every_action_has_a_Dutch_name_of_its_own() =>
        Assert.Equal(Enum.GetValues<AuditAction>().Length, Enum.GetValues<AuditAction>().Select(a => a.DutchName()).Distinct().Count());
}
