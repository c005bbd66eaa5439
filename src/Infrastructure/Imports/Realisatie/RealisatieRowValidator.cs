using System.Runtime.CompilerServices;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;

namespace SociaalDomein.Infrastructure.Imports.Realisatie;

/// <summary>
/// Validates the rows of a realisatie file (CSV and Excel alike; docs/import-formats.md record kind 3). Every failing
/// value of a row is reported as a <see cref="RowError"/> with the column as the file names it and a Dutch reason that
/// quotes the value (a realisatie file holds no personal data; values are cut at 40 characters).
/// </summary>
internal sealed class RealisatieRowValidator(RealisatieColumns columns, BudgetLineLookup lines)
{
    private const int MaxEchoLength = 40;
    private const int FirstYear = 1900;
    private const int LastYear = 2200;

    /// <summary>The largest amount a month can hold: <c>numeric(14,2)</c>.</summary>
    private const decimal MaxAmount = 999_999_999_999.99m;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ParsedRow<ActualRecord> Validate(int row, RowValues values)
    {
        List<RowError>? errors = null;
        void Add(string column, string message) => (errors ??= []).Add(new RowError(row, column, message));

        if (values.FieldCount > columns.HeaderFieldCount)
        {
            Add("", $"rij heeft {values.FieldCount} velden, de kopregel {columns.HeaderFieldCount}");
            return new ParsedRow<ActualRecord>(row, null, errors!, values.MaskedRow(columns));
        }

        var yearName = columns.NameOf(ActualColumn.Year);
        var yearText = Text(values, ActualColumn.Year);
        var year = 0;
        if (yearText.IsEmpty)
        {
            Add(yearName, $"{yearName} is niet ingevuld");
        }
        else if (!DutchValues.TryDigits(yearText, 1, 4, out year))
        {
            Add(yearName, $"{yearName} {Echo(yearText)} is geen jaartal");
        }
        else if (year is < FirstYear or > LastYear)
        {
            Add(yearName, $"{yearName} {Echo(yearText)} ligt niet tussen {FirstYear} en {LastYear}");
        }
        else if (lines.IsClosed(year))
        {
            Add(yearName, $"het jaar {year} is afgesloten; er kan geen realisatie meer in worden ingelezen");
        }

        var monthName = columns.NameOf(ActualColumn.Month);
        var monthText = Text(values, ActualColumn.Month);
        var month = 0;
        if (monthText.IsEmpty)
        {
            Add(monthName, $"{monthName} is niet ingevuld");
        }
        else if (!DutchValues.TryDigits(monthText, 1, 4, out month) || month is < 1 or > 12)
        {
            Add(monthName, $"{monthName} {Echo(monthText)} is geen maand (1 tot en met 12)");
        }

        var lineName = columns.NameOf(ActualColumn.BudgetLine);
        var lineText = Text(values, ActualColumn.BudgetLine);
        var lineId = 0;
        if (lineText.IsEmpty)
        {
            Add(lineName, $"{lineName} is niet ingevuld");
        }
        else
        {
            switch (lines.Find(lineText, out lineId))
            {
                case BudgetLineLookup.Match.Unknown:
                    Add(lineName, $"{lineName} {Echo(lineText)} is onbekend: geen code of naam van een budgetpost");
                    break;
                case BudgetLineLookup.Match.AmbiguousName:
                    Add(lineName, $"{lineName} {Echo(lineText)} is de naam van meer dan één budgetpost; gebruik de code");
                    break;
            }
        }

        var amountName = columns.NameOf(ActualColumn.Amount);
        var amountIndex = columns.IndexOf(ActualColumn.Amount);
        var amountText = values.Text(amountIndex);
        decimal amount = 0;
        if (amountText.IsEmpty)
        {
            Add(amountName, $"{amountName} is niet ingevuld");
        }
        else if (!values.TryGetNumber(amountIndex, out amount) && !DutchValues.TryParseAmount(amountText, out amount))
        {
            Add(amountName, $"{amountName} {Echo(amountText)} is geen bedrag");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            Add(amountName, $"{amountName} {Echo(amountText)} heeft meer dan twee decimalen");
        }
        else if (Math.Abs(amount) > MaxAmount)
        {
            Add(amountName, $"{amountName} {Echo(amountText)} is te groot");
        }

        return errors is null
            ? new ParsedRow<ActualRecord>(row, new ActualRecord(lineId, year, month, amount), [], "")
            : new ParsedRow<ActualRecord>(row, null, errors, values.MaskedRow(columns));
    }

    private ReadOnlySpan<char> Text(RowValues values, ActualColumn column) => values.Text(columns.IndexOf(column));

    private static string Echo(ReadOnlySpan<char> text) =>
        text.Length <= MaxEchoLength ? $"'{text}'" : $"'{text[..MaxEchoLength]}…'";
}
