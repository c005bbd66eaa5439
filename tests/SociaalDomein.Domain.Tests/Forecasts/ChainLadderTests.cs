using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class ChainLadderTests
{
    /// <summary>Taylor &amp; Ashe (1983), cumulative paid claims, ten origin years × ten development years, as Mack (1993)
    /// uses it and the R package ChainLadder ships it ("GenIns").</summary>
    private static readonly decimal[][] TaylorAshe =
    [
        [357_848, 1_124_788, 1_735_330, 2_218_270, 2_745_596, 3_319_994, 3_466_336, 3_606_286, 3_833_515, 3_901_463],
        [352_118, 1_236_139, 2_170_033, 3_353_322, 3_799_067, 4_120_063, 4_647_867, 4_914_039, 5_339_085],
        [290_507, 1_292_306, 2_218_525, 3_235_179, 3_985_995, 4_132_918, 4_628_910, 4_909_315],
        [310_608, 1_418_858, 2_195_047, 3_757_447, 4_029_929, 4_381_982, 4_588_268],
        [443_160, 1_136_350, 2_128_333, 2_897_821, 3_402_672, 3_873_311],
        [396_132, 1_333_217, 2_180_715, 2_985_752, 3_691_712],
        [440_832, 1_288_463, 2_419_861, 3_483_130],
        [359_480, 1_421_128, 2_864_498],
        [376_686, 1_363_294],
        [344_014],
    ];

    /// <summary>The RAA triangle (Reinsurance Association of America), cumulative incurred, accident years 1981–1990, as in
    /// Mack (1993) and the R package ChainLadder ("RAA").</summary>
    private static readonly decimal[][] Raa =
    [
        [5_012, 8_269, 10_907, 11_805, 13_539, 16_181, 18_009, 18_608, 18_662, 18_834],
        [106, 4_285, 5_396, 10_666, 13_782, 15_599, 15_496, 16_169, 16_704],
        [3_410, 8_992, 13_873, 16_141, 18_735, 22_214, 22_863, 23_466],
        [5_655, 11_555, 15_766, 21_266, 23_425, 26_083, 27_067],
        [1_092, 9_565, 15_836, 22_169, 25_955, 26_180],
        [1_513, 6_445, 11_702, 12_935, 15_852],
        [557, 4_020, 10_946, 12_314],
        [1_351, 6_947, 13_112],
        [3_133, 5_395],
        [2_063],
    ];

    private static IReadOnlyList<IReadOnlyList<decimal>> Rows(decimal[][] triangle) => triangle.Select(r => (IReadOnlyList<decimal>)r).ToList();

    private static decimal TotalReserve(decimal[][] triangle, IReadOnlyList<decimal> shares) =>
        triangle.Sum(row => ChainLadder.Ultimate(row[^1], shares[row.Length - 1])!.Value - row[^1]);

    [Fact]
    public void Taylor_and_Ashe_give_the_published_age_to_age_factors_and_reserve()
    {
        // Mack (1993) and ChainLadder's MackChainLadder(GenIns)$f: 3.491, 1.747, 1.457, 1.174, 1.104, 1.086, 1.054, 1.077,
        // 1.018; the total reserve 18.680.856 (England & Verrall 2002). Every column is used (a minimum of 1 origin).
        var factors = ChainLadder.Factors(Rows(TaylorAshe), 10, minimumObservations: 1);

        Assert.Equal([3.491m, 1.747m, 1.457m, 1.174m, 1.104m, 1.086m, 1.054m, 1.077m, 1.018m], factors.Select(f => Math.Round(f.Factor!.Value, 3)));
        Assert.All(factors, f => Assert.Equal(FactorBasis.Estimated, f.Basis));
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1], factors.Select(f => f.Observations));
        Assert.Equal(18_680_856m, Math.Round(TotalReserve(TaylorAshe, ChainLadder.CompletionShares(factors))));
    }

    [Fact]
    public void The_RAA_triangle_gives_its_published_factors_and_reserve()
    {
        // Mack (1993): 2.999, 1.624, 1.271, 1.172, 1.113, 1.042, 1.033, 1.017, 1.009; total reserve 52.135.
        var factors = ChainLadder.Factors(Rows(Raa), 10, minimumObservations: 1);

        Assert.Equal([2.999m, 1.624m, 1.271m, 1.172m, 1.113m, 1.042m, 1.033m, 1.017m, 1.009m], factors.Select(f => Math.Round(f.Factor!.Value, 3)));
        Assert.Equal(52_135m, Math.Round(TotalReserve(Raa, ChainLadder.CompletionShares(factors))));
    }

    [Fact]
    public void With_the_default_guard_the_two_thinnest_Taylor_and_Ashe_columns_are_taken_as_finished()
    {
        // Columns 7→8 and 8→9 rest on 2 and 1 origin years, fewer than 3: factor 1; the others are untouched.
        var factors = ChainLadder.Factors(Rows(TaylorAshe), 10);

        Assert.Equal([3.491m, 1.747m, 1.457m, 1.174m, 1.104m, 1.086m, 1.054m, 1m, 1m], factors.Select(f => Math.Round(f.Factor!.Value, 3)));
        Assert.Equal([FactorBasis.TooFewObservations, FactorBasis.TooFewObservations], factors.Skip(7).Select(f => f.Basis));
        Assert.Equal(1m, ChainLadder.CompletionShares(factors)[7]);
    }

    [Fact]
    public void A_hand_made_triangle()
    {
        // A: 100 150 165      f0 = (150 + 320) ÷ (100 + 200) = 470/300, f1 = 165 ÷ 150 = 1,1
        // B: 200 320          shares: s2 = 1, s1 = 1/1,1, s0 = 1/(1,1 × 470/300)
        // C: 300              ultimates: A 165, B 320 × 1,1 = 352, C 300 × 470/300 × 1,1 = 517
        decimal[][] triangle = [[100, 150, 165], [200, 320], [300]];
        var factors = ChainLadder.Factors(Rows(triangle), 3, minimumObservations: 1);
        var shares = ChainLadder.CompletionShares(factors);

        Assert.Equal([1.566667m, 1.1m], factors.Select(f => Math.Round(f.Factor!.Value, 6)));
        Assert.Equal([2, 1], factors.Select(f => f.Observations));
        Assert.Equal([0.580271m, 0.909091m, 1m], shares.Select(s => Math.Round(s, 6)));
        Assert.Equal([165m, 352m, 517m], triangle.Select(r => Math.Round(ChainLadder.Ultimate(r[^1], shares[r.Length - 1])!.Value, 6)));
    }

    [Fact]
    public void A_zero_column_has_no_factor_and_a_completion_share_of_zero_never_a_division_by_zero()
    {
        // Nothing is ever claimed at period 0, everything at period 1: f0 would be 300 ÷ 0.
        decimal[][] triangle = [[0, 100], [0, 120], [0, 80], [0]];
        var factors = ChainLadder.Factors(Rows(triangle), 2);
        var shares = ChainLadder.CompletionShares(factors);

        Assert.Equal(new DevelopmentFactor(0, null, 3, FactorBasis.NoBase), Assert.Single(factors));
        Assert.Equal([0m, 1m], shares);
        Assert.Null(ChainLadder.Ultimate(0m, shares[0]));
    }

    [Fact]
    public void Nothing_at_both_periods_is_factor_one()
    {
        decimal[][] triangle = [[0, 0], [0, 0], [0, 0]];

        Assert.Equal(new DevelopmentFactor(0, 1m, 3, FactorBasis.NotPositive), Assert.Single(ChainLadder.Factors(Rows(triangle), 2)));
    }

    [Fact]
    public void Credits_that_turn_a_column_negative_give_factor_one_and_a_negative_base_gives_no_factor()
    {
        // 300 claimed, then credits: the column after totals −100.
        decimal[][] credited = [[100, -50], [100, -20], [100, -30]];
        // More credited than claimed in the first period, positive later.
        decimal[][] negativeBase = [[-100, 50], [-100, 50], [-100, 50]];

        Assert.Equal(new DevelopmentFactor(0, 1m, 3, FactorBasis.NotPositive), Assert.Single(ChainLadder.Factors(Rows(credited), 2)));
        Assert.Equal(new DevelopmentFactor(0, null, 3, FactorBasis.NoBase), Assert.Single(ChainLadder.Factors(Rows(negativeBase), 2)));
    }

    [Fact]
    public void Credits_may_shrink_a_column_and_a_share_above_one_scales_down()
    {
        // f0 = 270 ÷ 300 = 0,9; s0 = 1/0,9; a new origin with 100 at period 0 ends at 90.
        decimal[][] triangle = [[100, 90], [100, 80], [100, 100], [100]];
        var shares = ChainLadder.CompletionShares(ChainLadder.Factors(Rows(triangle), 2));

        Assert.Equal(90m, Math.Round(ChainLadder.Ultimate(100m, shares[0])!.Value, 6));
    }

    [Fact]
    public void An_empty_history_gives_factors_of_one_with_no_observations()
    {
        var factors = ChainLadder.Factors([], 3);

        Assert.Equal([new DevelopmentFactor(0, 1m, 0, FactorBasis.TooFewObservations), new DevelopmentFactor(1, 1m, 0, FactorBasis.TooFewObservations)], factors);
        Assert.Equal([1m, 1m, 1m], ChainLadder.CompletionShares(factors));
    }

    [Fact]
    public void Shares_and_ultimates_that_do_not_fit_a_decimal_are_zero_and_null_not_an_exception()
    {
        // Two factors of 10⁻²⁰: s1 = 10²⁰, s0 = 10⁴⁰ does not fit.
        var tiny = 0.00000000000000000001m;
        var shares = ChainLadder.CompletionShares([new DevelopmentFactor(0, tiny, 3, FactorBasis.Estimated), new DevelopmentFactor(1, tiny, 3, FactorBasis.Estimated)]);

        Assert.Equal([0m, 100_000_000_000_000_000_000m, 1m], shares);
        Assert.Null(ChainLadder.Ultimate(decimal.MaxValue, 0.5m));
        Assert.Null(ChainLadder.Ultimate(100m, -0.5m));
    }

    [Fact]
    public void Programmer_errors_are_argument_exceptions()
    {
        decimal[][] tooLong = [[1, 2, 3]];

        Assert.Throws<ArgumentException>(() => ChainLadder.Factors(Rows(tooLong), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChainLadder.Factors([], 2, minimumObservations: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChainLadder.Factors([], 0));
    }

    [Fact]
    public void Cumulate_turns_increments_into_running_sums()
    {
        decimal[][] incremental = [[1, 2, 3], [4], []];

        Assert.Equal([[1m, 3m, 6m], [4m], []], ChainLadder.Cumulate(incremental).Select(r => r.ToArray()));
    }
}
