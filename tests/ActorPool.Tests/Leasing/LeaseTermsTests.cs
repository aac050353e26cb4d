using ActorPool.Internal.Leasing;
using Microsoft.Extensions.Time.Testing;

namespace ActorPool.Tests.Leasing;

/// <summary>The deadline arithmetic of <see cref="LeaseTerms"/>, on a clock the test moves.</summary>
public sealed class LeaseTermsTests
{
    private static readonly LeaseSettings s_settings = new()
    {
        Grace = TimeSpan.FromSeconds(2),
        MaxTotal = TimeSpan.FromSeconds(60),
    };

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Read_SoftAtLeaseForAndHardOneGraceLater()
    {
        var terms = new LeaseTerms(_clock, TimeSpan.FromSeconds(10), s_settings);

        Assert.Equal(new LeaseDeadlines(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12)), terms.Read());
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(terms.Read().SoftExpired);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(terms.Read().SoftExpired);
        Assert.False(terms.Read().HardExpired);
        Assert.Equal(TimeSpan.FromSeconds(2), terms.Read().UntilHardExpiry);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(terms.Read().HardExpired);
        Assert.Equal(TimeSpan.FromSeconds(-2), terms.UntilSoftExpiry);
    }

    [Fact]
    public void Renew_BeforeExpiry_MovesTheDeadlineFromWhereItWas()
    {
        var terms = new LeaseTerms(_clock, TimeSpan.FromSeconds(10), s_settings);
        _clock.Advance(TimeSpan.FromSeconds(3));

        var renewed = terms.Renew("lease-1", TimeSpan.FromSeconds(5));

        Assert.Equal(new LeaseRenewed("lease-1", TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(14), Capped: false), renewed);
        Assert.Equal(TimeSpan.FromSeconds(12), terms.UntilSoftExpiry);
    }

    [Fact]
    public void Renew_DuringGrace_MovesTheDeadlineFromNow()
    {
        var terms = new LeaseTerms(_clock, TimeSpan.FromSeconds(10), s_settings);
        _clock.Advance(TimeSpan.FromSeconds(11));

        var renewed = terms.Renew("lease-1", TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), renewed.UntilSoftExpiry);
        Assert.False(terms.Read().SoftExpired);
    }

    [Fact]
    public void Renew_AtOrAfterTheHardDeadline_IsRefusedAndChangesNothing()
    {
        var terms = new LeaseTerms(_clock, TimeSpan.FromSeconds(10), s_settings);
        _clock.Advance(TimeSpan.FromSeconds(12));

        var e = Assert.Throws<LeaseExpiredException>(() => terms.Renew("lease-1", TimeSpan.FromSeconds(5)));

        Assert.Contains("lease-1", e.Message, StringComparison.Ordinal);
        Assert.True(terms.Read().HardExpired);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Throws<LeaseExpiredException>(() => terms.Renew("lease-1", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Renew_PastMaxTotal_IsCappedThenRefused()
    {
        var terms = new LeaseTerms(_clock, TimeSpan.FromSeconds(10), s_settings);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var capped = terms.Renew("lease-1", TimeSpan.FromMinutes(5));

        Assert.True(capped.Capped);
        Assert.Equal(TimeSpan.FromSeconds(55), capped.UntilSoftExpiry);
        var e = Assert.Throws<InvalidOperationException>(() => terms.Renew("lease-1", TimeSpan.FromSeconds(1)));
        Assert.Contains("actor-pool.lease.max-total", e.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(55), terms.UntilSoftExpiry);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Renew_NonPositiveExtra_IsRefusedAndChangesNothing(int seconds)
    {
        var terms = new LeaseTerms(_clock, TimeSpan.FromSeconds(10), s_settings);

        Assert.Throws<ArgumentOutOfRangeException>(() => terms.Renew("lease-1", TimeSpan.FromSeconds(seconds)));

        Assert.Equal(TimeSpan.FromSeconds(10), terms.UntilSoftExpiry);
    }

    [Fact]
    public void EachDecision_ReadsTheClockOnce()
    {
        // A clock that moves a millisecond at every reading exposes any second reading.
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(1));
        var terms = new LeaseTerms(clock, TimeSpan.FromSeconds(10), s_settings);

        var before = clock.Readings;
        var now = terms.Read();
        Assert.Equal(1, clock.Readings - before);
        Assert.Equal(now.UntilSoftExpiry + s_settings.Grace, now.UntilHardExpiry);

        before = clock.Readings;
        var renewed = terms.Renew("lease-1", TimeSpan.FromSeconds(5));
        Assert.Equal(1, clock.Readings - before);
        Assert.Equal(renewed.UntilSoftExpiry + s_settings.Grace, renewed.UntilHardExpiry);
        // Granted at reading 1, renewed at reading 3: 15 s from the grant, seen 2 ms later.
        Assert.Equal(TimeSpan.FromSeconds(15) - TimeSpan.FromMilliseconds(2), renewed.UntilSoftExpiry);
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _now;

        public int Readings { get; private set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            Readings++;
            _now += step.Ticks;
            return _now;
        }
    }
}
