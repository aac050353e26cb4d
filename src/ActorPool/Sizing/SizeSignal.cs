namespace ActorPool.Internal.Sizing;

/// <summary>
/// Reads the user's size provider and survives it: a throw or a negative count is a failure that
/// yields the held count (<c>hold</c>) or zero (<c>zero</c>, leasepool's rule), reported once and
/// again only when the failure changes.
/// </summary>
internal sealed class SizeSignal(Func<int>? provider, SignalFailureMode onFailure, string supervisor)
{
    private string? _failure;

    public bool HasProvider => provider is not null;

    /// <summary>The same provider with another failure mode (a settings update).</summary>
    public SizeSignal With(SignalFailureMode mode) => new(provider, mode, supervisor);

    /// <summary>The unit count to use now, and the event to publish if the signal's health changed.</summary>
    public (int Units, PoolEvent? Event) Read(int current)
    {
        if (provider is null)
        {
            return (current, null);
        }
        try
        {
            var units = provider();
            if (units < 0)
            {
                throw new InvalidOperationException($"the size provider returned a negative count [{units}]");
            }
            var recovered = _failure is null ? null : new SignalRecovered(supervisor, units);
            _failure = null;
            return (units, recovered);
        }
        catch (Exception e)
        {
            var used = onFailure == SignalFailureMode.Hold ? current : 0;
            var error = $"{e.GetType().Name}: {e.Message}";
            var changed = error != _failure;
            _failure = error;
            return (used, changed ? new SignalFailed(supervisor, error, used) : null);
        }
    }
}
