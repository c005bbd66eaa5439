namespace SociaalDomein.Domain.Budgets;

/// <summary>One valid booking of a ledger actuals file (import kind <c>realisatie</c>, docs/import-formats.md record
/// kind 3): an amount on a budget line in a month. A file may hold several for the same line and month; the import adds
/// them up into one <see cref="ActualMonth"/>.</summary>
public sealed record ActualRecord(int BudgetLineId, int Year, int Month, decimal Amount);
