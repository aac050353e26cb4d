namespace ActorPool.Tests.Protocol;

/// <summary>
/// Every public message is valid by construction: one case per rule, through the constructor and
/// through <c>with</c>, and the edge values each rule still accepts. Each refusal names the message
/// type, the field and the value, and its ParamName is the property.
/// </summary>
public sealed class MessageValidationTests
{
    private static readonly TimeSpan s_max = TimeSpan.FromMilliseconds(int.MaxValue);
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);
    private static readonly AcquireLease s_acquire = new(s_second, s_second);

    public static TheoryData<TimeSpan> NonPositive => new() { TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromSeconds(-5), TimeSpan.MinValue };

    public static TheoryData<TimeSpan> AboveMax => new() { s_max + TimeSpan.FromTicks(1), TimeSpan.FromDays(25), TimeSpan.MaxValue };

    // Timeout.InfiniteTimeSpan is -1 ms: the values either side of it are refused.
    public static TheoryData<TimeSpan> NegativeWaits => new()
    {
        TimeSpan.FromTicks(-1),
        TimeSpan.FromMilliseconds(-2),
        Timeout.InfiniteTimeSpan - TimeSpan.FromTicks(1),
        Timeout.InfiniteTimeSpan + TimeSpan.FromTicks(1),
        TimeSpan.MinValue,
    };

    public static TheoryData<string> Blank => new() { string.Empty, " ", "\t\n" };

    [Theory]
    [MemberData(nameof(NonPositive))]
    public void AcquireLease_NonPositiveLeaseFor_IsRefused(TimeSpan leaseFor)
    {
        AssertRefused("AcquireLease leaseFor must be > 0", nameof(AcquireLease.LeaseFor), leaseFor, () => new AcquireLease(leaseFor, s_second));
        AssertRefused("AcquireLease leaseFor must be > 0", nameof(AcquireLease.LeaseFor), leaseFor, () => s_acquire with { LeaseFor = leaseFor });
    }

    [Fact]
    public void AcquireLease_ZeroLeaseFor_KeepsTheMessageTheSupervisorUsedToSend()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireLease(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Contains("leaseFor must be > 0, was: [00:00:00]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AboveMax))]
    public void AcquireLease_LeaseForAboveMaxDuration_IsRefused(TimeSpan leaseFor)
    {
        AssertRefused("AcquireLease leaseFor must be <= [24.20:31:23.6470000]", nameof(AcquireLease.LeaseFor), leaseFor, () => new AcquireLease(leaseFor, s_second));
        AssertRefused("AcquireLease leaseFor must be <= [24.20:31:23.6470000]", nameof(AcquireLease.LeaseFor), leaseFor, () => s_acquire with { LeaseFor = leaseFor });
    }

    [Theory]
    [MemberData(nameof(NegativeWaits))]
    public void AcquireLease_NegativeWaitOtherThanInfinite_IsRefused(TimeSpan waitUpTo)
    {
        AssertRefused("AcquireLease waitUpTo must be >= 0", nameof(AcquireLease.WaitUpTo), waitUpTo, () => new AcquireLease(s_second, waitUpTo));
        AssertRefused("AcquireLease waitUpTo must be >= 0", nameof(AcquireLease.WaitUpTo), waitUpTo, () => s_acquire with { WaitUpTo = waitUpTo });
    }

    [Fact]
    public void AcquireLease_NegativeWait_MessageNamesTheValueAndTheInfiniteWait()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireLease(s_second, TimeSpan.FromMilliseconds(-2)));
        Assert.Contains("AcquireLease waitUpTo must be >= 0, was: [-00:00:00.0020000]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout.InfiniteTimeSpan", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AboveMax))]
    public void AcquireLease_WaitAboveMaxDuration_IsRefused(TimeSpan waitUpTo)
    {
        AssertRefused("AcquireLease waitUpTo must be <= [24.20:31:23.6470000]", nameof(AcquireLease.WaitUpTo), waitUpTo, () => new AcquireLease(s_second, waitUpTo));
        AssertRefused("AcquireLease waitUpTo must be <= [24.20:31:23.6470000]", nameof(AcquireLease.WaitUpTo), waitUpTo, () => s_acquire with { WaitUpTo = waitUpTo });
    }

    [Fact]
    public void AcquireLease_EdgeValues_AreAccepted()
    {
        foreach (var wait in new[] { TimeSpan.Zero, Timeout.InfiniteTimeSpan, TimeSpan.FromTicks(1), s_max })
        {
            Assert.Equal(wait, new AcquireLease(s_second, wait).WaitUpTo);
            Assert.Equal(wait, (s_acquire with { WaitUpTo = wait }).WaitUpTo);
        }
        foreach (var leaseFor in new[] { TimeSpan.FromTicks(1), s_max })
        {
            Assert.Equal(leaseFor, new AcquireLease(leaseFor, TimeSpan.Zero).LeaseFor);
            Assert.Equal(leaseFor, (s_acquire with { LeaseFor = leaseFor }).LeaseFor);
        }
    }

    [Fact]
    public void AcquireLease_MaxDuration_IsTheLongestAkkaSchedules()
    {
        Assert.Equal(s_max, ActorPool.Internal.Settings.DurationLimits.Max);
        Assert.Equal(int.MaxValue, (long)ActorPool.Internal.Settings.DurationLimits.Max.TotalMilliseconds);
    }

    [Fact]
    public void RenewLease_NullLeaseId_IsRefused()
    {
        AssertNull("RenewLease leaseId must not be null", () => new RenewLease(null!, s_second));
        AssertNull("RenewLease leaseId must not be null", () => new RenewLease("lease-1", s_second) with { LeaseId = null! });
    }

    [Theory]
    [MemberData(nameof(Blank))]
    public void RenewLease_BlankLeaseId_IsRefused(string leaseId)
    {
        AssertBlank("RenewLease leaseId must not be empty or whitespace", leaseId, () => new RenewLease(leaseId, s_second));
        AssertBlank("RenewLease leaseId must not be empty or whitespace", leaseId, () => new RenewLease("lease-1", s_second) with { LeaseId = leaseId });
    }

    [Theory]
    [MemberData(nameof(NonPositive))]
    public void RenewLease_NonPositiveExtra_IsRefused(TimeSpan extra)
    {
        AssertRefused("RenewLease extra must be > 0", nameof(RenewLease.Extra), extra, () => new RenewLease("lease-1", extra));
        AssertRefused("RenewLease extra must be > 0", nameof(RenewLease.Extra), extra, () => new RenewLease("lease-1", s_second) with { Extra = extra });
    }

    [Fact]
    public void RenewLease_AnyPositiveExtra_IsAccepted_TheCapIsTheSupervisors()
    {
        foreach (var extra in new[] { TimeSpan.FromTicks(1), s_max, TimeSpan.MaxValue })
        {
            Assert.Equal(extra, new RenewLease("lease-1", extra).Extra);
            Assert.Equal(extra, (new RenewLease("lease-1", s_second) with { Extra = extra }).Extra);
        }
        Assert.Equal("lease-2", (new RenewLease("lease-1", s_second) with { LeaseId = "lease-2" }).LeaseId);
    }

    [Fact]
    public void ReleaseLease_NullLeaseId_IsRefused()
    {
        AssertNull("ReleaseLease leaseId must not be null", () => new ReleaseLease(null!));
        AssertNull("ReleaseLease leaseId must not be null", () => new ReleaseLease("lease-1") with { LeaseId = null! });
    }

    [Theory]
    [MemberData(nameof(Blank))]
    public void ReleaseLease_BlankLeaseId_IsRefused(string leaseId)
    {
        AssertBlank("ReleaseLease leaseId must not be empty or whitespace", leaseId, () => new ReleaseLease(leaseId));
        AssertBlank("ReleaseLease leaseId must not be empty or whitespace", leaseId, () => new ReleaseLease("lease-1") with { LeaseId = leaseId });
    }

    [Fact]
    public void ReleaseLease_AnyOtherId_IsAccepted_UnknownIdsAreTheSupervisors()
    {
        Assert.Equal("not-a-lease", new ReleaseLease("not-a-lease").LeaseId);
        Assert.Equal("x", (new ReleaseLease("lease-1") with { LeaseId = "x" }).LeaseId);
    }

    [Fact]
    public void LeaseGranted_NullExecutor_IsRefused()
    {
        var granted = new LeaseGranted(new StubExecutor());
        AssertNull("LeaseGranted executor must not be null", () => new LeaseGranted(null!), nameof(LeaseGranted.Executor));
        AssertNull("LeaseGranted executor must not be null", () => granted with { Executor = null! }, nameof(LeaseGranted.Executor));
        var other = new StubExecutor();
        Assert.Same(other, (granted with { Executor = other }).Executor);
    }

    [Fact]
    public void LeaseExpiring_NullLeaseId_IsRefused()
    {
        AssertNull("LeaseExpiring leaseId must not be null", () => new LeaseExpiring(null!, s_second));
        AssertNull("LeaseExpiring leaseId must not be null", () => new LeaseExpiring("lease-1", s_second) with { LeaseId = null! });
    }

    [Fact]
    public void LeaseRevoked_NullLeaseId_IsRefused()
    {
        AssertNull("LeaseRevoked leaseId must not be null", () => new LeaseRevoked(null!));
        AssertNull("LeaseRevoked leaseId must not be null", () => new LeaseRevoked("lease-1") with { LeaseId = null! });
    }

    [Fact]
    public void LeaseRenewed_NullLeaseId_IsRefused()
    {
        AssertNull("LeaseRenewed leaseId must not be null", () => new LeaseRenewed(null!, s_second, s_second, false));
        AssertNull("LeaseRenewed leaseId must not be null", () => new LeaseRenewed("lease-1", s_second, s_second, false) with { LeaseId = null! });
    }

    [Fact]
    public void Submit_NullJob_IsRefused()
    {
        Assert.Equal("job", Assert.Throws<ArgumentNullException>(() => new Submit(null!)).ParamName);
        Assert.Equal("job", Assert.Throws<ArgumentNullException>(() => Submit.Async(null!)).ParamName);
    }

    [Fact]
    public void CheckedRecords_KeepValueEquality_DeconstructAndToStringInDeclarationOrder()
    {
        var a = new AcquireLease(s_second, Timeout.InfiniteTimeSpan);
        Assert.Equal(a, new AcquireLease(s_second, Timeout.InfiniteTimeSpan));
        Assert.Equal(a.GetHashCode(), new AcquireLease(s_second, Timeout.InfiniteTimeSpan).GetHashCode());
        Assert.NotEqual(a, a with { WaitUpTo = TimeSpan.Zero });
        var (leaseFor, waitUpTo, holder) = a;
        Assert.Equal((s_second, Timeout.InfiniteTimeSpan, null), (leaseFor, waitUpTo, holder));
        Assert.Equal("AcquireLease { LeaseFor = 00:00:01, WaitUpTo = -00:00:00.0010000, Holder =  }", a.ToString());
        Assert.Equal("RenewLease { LeaseId = lease-1, Extra = 00:00:01 }", new RenewLease("lease-1", s_second).ToString());
        Assert.Equal("LeaseExpiring { LeaseId = lease-1, UntilRevoke = 00:00:01 }", new LeaseExpiring("lease-1", s_second).ToString());
        Assert.Equal(
            "LeaseRenewed { LeaseId = lease-1, UntilSoftExpiry = 00:00:01, UntilHardExpiry = 00:00:02, Capped = True }",
            new LeaseRenewed("lease-1", s_second, 2 * s_second, true).ToString());
        Assert.Equal(new ReleaseLease("lease-1"), new ReleaseLease("lease-1"));
        Assert.NotEqual(new ReleaseLease("lease-1"), new ReleaseLease("lease-2"));
    }

    private static void AssertRefused(string expected, string paramName, TimeSpan value, Func<object> make)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(paramName, error.ParamName);
        Assert.Equal(value, error.ActualValue);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"was: [{value}]", error.Message, StringComparison.Ordinal);
    }

    private static void AssertNull(string expected, Func<object> make, string paramName = "LeaseId")
    {
        var error = Assert.Throws<ArgumentNullException>(make);
        Assert.Equal(paramName, error.ParamName);
        Assert.Contains(expected + ", was: [null]", error.Message, StringComparison.Ordinal);
    }

    private static void AssertBlank(string expected, string value, Func<object> make)
    {
        var error = Assert.Throws<ArgumentException>(make);
        Assert.Equal("LeaseId", error.ParamName);
        Assert.Contains($"{expected}, was: [{value}]", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Enough of an executor to be granted; it is never used.</summary>
    private sealed class StubExecutor : ILeasedExecutor
    {
        public string LeaseId => "lease-1";

        public string PoolName => "pool-1";

        public TaskScheduler Scheduler => TaskScheduler.Default;

        public bool IsActive => false;

        public TimeSpan TimeLeft => TimeSpan.Zero;

        public Task<T> SubmitAsync<T>(Func<T> job) => throw new NotSupportedException();

        public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job) => throw new NotSupportedException();

        public Task<LeaseRenewed> RenewAsync(TimeSpan extra) => throw new NotSupportedException();

        public Task<T> SubmitAsync<T>(Func<T> job, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<LeaseRenewed> RenewAsync(TimeSpan extra, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReleaseAsync() => Task.CompletedTask;

        public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
