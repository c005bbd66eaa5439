namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>BSNs for tests: in the 9999xxxxx range the RvIG keeps for testing, with a check digit that passes the
/// 11-test. Never a real person's number.</summary>
public static class TestBsn
{
    /// <summary>The <paramref name="n"/>-th valid test BSN (n ≥ 1).</summary>
    public static string Number(int n)
    {
        var found = 0;
        for (var body = 0; body < 10_000; body++)
        {
            var first8 = $"9999{body:D4}";
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (first8[i] - '0');
            }

            var check = sum % 11;
            if (check == 10)
            {
                continue;
            }

            if (++found == n)
            {
                return first8 + check;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(n));
    }

    /// <summary>A nine-digit number that fails the 11-test.</summary>
    public static string Invalid(int n)
    {
        var valid = Number(n);
        return valid[..8] + (char)('0' + (valid[8] - '0' + 1) % 10);
    }
}
