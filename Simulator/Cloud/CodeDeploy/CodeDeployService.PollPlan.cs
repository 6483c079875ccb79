using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>Scheduled traffic polls (docs/model.md#traffic-poll-scheduling): only the polls that can end a
/// BlockTraffic or AllowTraffic wait are events.</summary>
/// <remarks>
/// A traffic event's polls happen at its start + k × poll interval, and what a poll sees changes only with the
/// instance's target states (which tell <see cref="TargetStateChanged"/>) and the clock. While the condition holds, the
/// poll planned is the first one at or after the wait's earliest end; while it does not, none is planned, and the
/// deadline queue polls the event at the first poll time an hour after its start (the one that gives up). Deadlines
/// come in the order the events started, so one event, for the oldest traffic event still waiting, serves them all.
/// The polls due at one millisecond run together in the order their traffic events started, which is the order one
/// event per poll gives them: the first one planned for a millisecond schedules the event, the others join its batch
/// (a list through the jobs, which a job leaves when it plans again or stops polling).
/// </remarks>
public sealed partial class CodeDeployService
{
    private const long NoPoll = -1;
    private const long PollingNow = -2;
    private const long DeadlineEvent = 1;

    private readonly Dictionary<long, int> _pollBatches = [];   // poll time -> first instance of its batch
    private long[] _batch = new long[64];                        // the batch running: rank << 32 | instance
    private int _pollRanks;
    private (int Id, int Rank)[] _deadlines = new (int, int)[64];   // traffic events in start order (a ring)
    private int _deadlineHead, _deadlineCount;
    private long _deadlineArmedMs = NoPoll;

    private int _pollingJobs;                                // jobs whose traffic event waits for a poll

    private void ResetPolls()
    {
        _pollBatches.Clear();
        _pollRanks = 0;
        _deadlineHead = _deadlineCount = 0;
        _deadlineArmedMs = NoPoll;
        _pollingJobs = 0;
    }

    private void StartPlannedPolls(int id)
    {
        ref var job = ref _jobs[id];
        job.Polling = true;
        _pollingJobs++;
        job.PollRank = _pollRanks++;
        job.NextPollMs = world.NowMs;
        job.PlannedPollMs = NoPoll;
        while (_deadlineCount > 0 && !Waiting(_deadlines[_deadlineHead]))   // drop the ended events at the front
        {
            _deadlineHead = (_deadlineHead + 1) % _deadlines.Length;
            _deadlineCount--;
        }
        if (_deadlineCount == _deadlines.Length)
        {
            var grown = new (int, int)[_deadlines.Length * 2];
            for (int k = 0; k < _deadlineCount; k++) grown[k] = _deadlines[(_deadlineHead + k) % _deadlines.Length];
            _deadlines = grown;
            _deadlineHead = 0;
        }
        _deadlines[(_deadlineHead + _deadlineCount++) % _deadlines.Length] = (id, job.PollRank);
        if (_deadlineArmedMs == NoPoll) ArmDeadline(id);
        PlanPoll(id);
    }

    /// <summary>True while the traffic event the deadline queue holds still waits.</summary>
    private bool Waiting((int Id, int Rank) entry) => _jobs[entry.Id].Active && _jobs[entry.Id].Polling && _jobs[entry.Id].PollRank == entry.Rank;

    /// <summary>One of the instance's target states changed: a traffic event waiting on it plans its deciding poll again.</summary>
    public void TargetStateChanged(int id)
    {
        if (_pollingJobs == 0) return;                      // (the initial fleet's registrations: no job to read)
        if (_jobs[id].Active && _jobs[id].Polling) PlanPoll(id);
    }

    /// <summary>The first poll time an hour or more after the event began: the poll that gives up.</summary>
    private long DeadlinePollMs(int id) => PollTimeAtOrAfter(id, _jobs[id].EventStartMs + _spec.TrafficWaitTimeout.Milliseconds);

    private long PollTimeAtOrAfter(int id, long ms)
    {
        long start = _jobs[id].EventStartMs, interval = _spec.TrafficPollInterval.Milliseconds;
        return start + ((ms - start + interval - 1) / interval * interval);
    }

    /// <summary>Plans the poll that ends the wait if the target states stay as they are: the first one from now on at
    /// or after the wait's earliest end while the condition holds; none while it does not (the deadline queue has it).</summary>
    private void PlanPoll(int id)
    {
        ref var job = ref _jobs[id];
        if (job.PlannedPollMs == PollingNow) return;          // its batch is running: it polls next, seeing the change
        if (!TrafficConditionHolds(id))
        {
            LeaveBatch(id);
            return;
        }
        long from = Math.Max(Math.Max(world.NowMs, job.NextPollMs), Math.Min(job.WaitUntilMs, job.EventStartMs + _spec.TrafficWaitTimeout.Milliseconds));
        long at = PollTimeAtOrAfter(id, from);
        if (at == job.PlannedPollMs) return;
        LeaveBatch(id);
        JoinBatch(id, at);
    }

    private void JoinBatch(int id, long at)
    {
        ref var job = ref _jobs[id];
        job.PlannedPollMs = at;
        job.PrevInBatch = -1;
        if (_pollBatches.TryGetValue(at, out int head))
        {
            job.NextInBatch = head;
            _jobs[head].PrevInBatch = id;
            _pollBatches[at] = id;
            return;
        }
        job.NextInBatch = -1;
        _pollBatches.Add(at, id);
        if (at > world.NowMs || _deadlineArmedMs != PollingNow) world.Schedule(new SimTime(at), EventKind.TrafficPoll, id, 0);
    }

    /// <summary>Takes the job's planned poll out of its batch.</summary>
    private void LeaveBatch(int id)
    {
        ref var job = ref _jobs[id];
        if (job.PlannedPollMs < 0) return;
        int prev = job.PrevInBatch, next = job.NextInBatch;
        if (prev >= 0) _jobs[prev].NextInBatch = next;
        else if (next >= 0) _pollBatches[job.PlannedPollMs] = next;
        else _pollBatches.Remove(job.PlannedPollMs);            // its event will find no batch
        if (next >= 0) _jobs[next].PrevInBatch = prev;
        job.PlannedPollMs = NoPoll;
    }

    /// <summary>The traffic event ended or was stopped: its planned poll, if any, is dropped.</summary>
    private void StopPolling(int id)
    {
        if (!_jobs[id].Polling) return;
        LeaveBatch(id);
        _jobs[id].Polling = false;
        _pollingJobs--;
    }

    /// <summary>Schedules the deadline event for the oldest traffic event still queued.</summary>
    private void ArmDeadline(int id)
    {
        _deadlineArmedMs = DeadlinePollMs(id);
        world.Schedule(new SimTime(_deadlineArmedMs), EventKind.TrafficPoll, id, DeadlineEvent);
    }

    private void RunPlannedPolls(in Event e)
    {
        if (e.Arg == DeadlineEvent) JoinDeadlines();
        RunPollBatch();
    }

    /// <summary>The deadline event: traffic events still waiting at their last poll join its batch; the next deadline is armed.</summary>
    private void JoinDeadlines()
    {
        long now = world.NowMs;
        _deadlineArmedMs = PollingNow;
        while (_deadlineCount > 0)
        {
            int id = _deadlines[_deadlineHead].Id;
            ref var job = ref _jobs[id];
            bool waiting = Waiting(_deadlines[_deadlineHead]);
            if (waiting && DeadlinePollMs(id) > now) break;
            _deadlineHead = (_deadlineHead + 1) % _deadlines.Length;
            _deadlineCount--;
            if (waiting && job.PlannedPollMs == NoPoll) JoinBatch(id, now);
        }
        _deadlineArmedMs = NoPoll;
        if (_deadlineCount > 0) ArmDeadline(_deadlines[_deadlineHead].Id);
    }

    /// <summary>The polls planned for now run, in the order their traffic events started.</summary>
    private void RunPollBatch()
    {
        long now = world.NowMs;
        if (!_pollBatches.Remove(now, out int id)) return;
        int count = 0;
        for (; id >= 0; id = _jobs[id].NextInBatch)
        {
            _jobs[id].PlannedPollMs = PollingNow;
            if (count == _batch.Length) Array.Resize(ref _batch, _batch.Length * 2);
            _batch[count++] = ((long)_jobs[id].PollRank << 32) | (uint)id;
        }
        var batch = _batch.AsSpan(0, count);
        batch.Sort();                                           // by start order (rank), then id
        for (int k = 0; k < count; k++)
        {
            int polled = unchecked((int)_batch[k]);
            ref var job = ref _jobs[polled];
            if (!job.Active || !job.Polling || job.PlannedPollMs != PollingNow) continue;   // an earlier poll of the batch ended it
            job.PlannedPollMs = NoPoll;
            job.NextPollMs = now + _spec.TrafficPollInterval.Milliseconds;
            PollTraffic(polled);
        }
    }
}
