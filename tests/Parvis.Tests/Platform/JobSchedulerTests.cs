using Parvis.Infrastructure.Cluster;

namespace Parvis.Tests.Platform;

public class JobSchedulerTests
{
    private sealed class Job(TimeSpan interval) : IScheduledJob
    {
        public string Name => "essai";

        public TimeSpan Interval => interval;

        public Task RunAsync(IServiceProvider services, CancellationToken token) => Task.CompletedTask;
    }

    [Fact]
    public void Each_job_waits_on_its_own_after_start_up_so_a_short_one_brings_no_other_forward()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), JobScheduler.FirstRunAfter(new Job(TimeSpan.FromSeconds(10))));
        Assert.Equal(JobScheduler.FirstRunDelay, JobScheduler.FirstRunAfter(new Job(TimeSpan.FromHours(1))));
        Assert.Equal(JobScheduler.FirstRunDelay, JobScheduler.FirstRunAfter(new Job(JobScheduler.FirstRunDelay)));
    }
}
