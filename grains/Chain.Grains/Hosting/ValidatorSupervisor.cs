using Chain.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace Chain.Grains.Hosting;

/// <summary>
/// Keeps this silo's validators running. A validator is driven by its own activation's timer: nothing else
/// sends it work while it waits between heights, so an activation that Orleans removes stays gone unless
/// someone activates it again. Orleans does remove live activations on its own, most visibly when another
/// silo dies: every activation whose grain directory registration was held by the dead silo is deactivated
/// (DeactivationReasonCode.DirectoryFailure). When all surviving validators are hit, the chain stops with no
/// error anywhere. A deactivating validator reports here, and the supervisor activates it again.
/// </summary>
public sealed partial class ValidatorSupervisor(IGrainFactory grains, HostedValidators hosted, TimeProvider clock, ILogger<ValidatorSupervisor> log)
{
    private const int MaxAttempts = 10;

    /// <summary>Activates <paramref name="address"/> again once its current activation has gone; returns at once.</summary>
    public void Restart(string address)
    {
        if (hosted.Find(address) is null)
        {
            return;
        }

        // Off the grain's scheduler: the request is queued behind the deactivation, and Orleans re-routes it to a
        // new activation (placed on this silo, which holds the key) once the old one is gone.
        _ = Task.Run(() => RestartAsync(address));
    }

    private async Task RestartAsync(string address)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<IValidatorGrain>(address).StartAsync();
                LogRestarted(log, address);
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                if (attempt == MaxAttempts)
                {
                    LogGaveUp(log, address, attempt, e);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), clock);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validator {Validator}: activated again after Orleans deactivated it")]
    private static partial void LogRestarted(ILogger logger, string validator);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validator {Validator}: could not activate it again after {Attempts} attempts; it stays offline until the silo restarts")]
    private static partial void LogGaveUp(ILogger logger, string validator, int attempts, Exception exception);
}
