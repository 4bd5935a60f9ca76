//! The parallel pipeline every long run goes through: one thread reads the input into parts,
//! `jobs` threads work on the parts, and the calling thread takes the outcomes in input
//! order (holding back those that finish early). At most `in_flight` parts are between the
//! reader and the output at any time, so memory stays flat however large the input; a slow
//! output slows the reader down instead of piling up outcomes.
//!
//! Threads and channels of the standard library (`std::thread::scope`, `mpsc`): the parts
//! are large (hundreds of kilobytes), so a mutex around the queue costs nothing measurable,
//! and rayon would add a dependency for what these lines do.

use crate::Failure;
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::Mutex;

/// Something the reader hands to the workers, numbered in input order.
pub trait Numbered {
    fn number(&self) -> usize;
}

impl Numbered for crate::input::Part {
    fn number(&self) -> usize {
        self.index
    }
}

/// Reads parts with `next` until it gives `None`, works on each with `work` on `jobs`
/// threads, and gives the outcomes to `sink` in the order of the parts. Stops at the first
/// failure of the reader or the sink, and returns it.
pub fn run<P, R>(
    jobs: usize,
    in_flight: usize,
    next: impl FnMut() -> Result<Option<P>, Failure> + Send,
    work: impl Fn(P) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), Failure>,
) -> Result<(), Failure>
where
    P: Numbered + Send,
    R: Send,
{
    let jobs = jobs.max(1);
    let in_flight = in_flight.max(jobs);
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = token_tx.send(());
    }
    let (part_tx, part_rx) = mpsc::channel::<P>();
    let part_rx = Mutex::new(part_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut next = next;
            // A token per part: the sink gives one back for each part it has taken.
            while token_rx.recv().is_ok() {
                match next()? {
                    Some(part) => {
                        if part_tx.send(part).is_err() {
                            break;
                        }
                    }
                    None => break,
                }
            }
            Ok::<(), Failure>(())
        });
        for _ in 0..jobs {
            let (part_rx, done_tx, work) = (&part_rx, done_tx.clone(), &work);
            scope.spawn(move || loop {
                // The lock is held only while waiting for the next part, not while working on it.
                let received = part_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
                let Ok(part) = received else { break };
                let number = part.number();
                if done_tx.send((number, work(part))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0;
        let mut failed = None;
        'outcomes: for (number, outcome) in done_rx.iter() {
            waiting.insert(number, outcome);
            while let Some(outcome) = waiting.remove(&expected) {
                expected += 1;
                if let Err(e) = sink(outcome) {
                    failed = Some(e);
                    break 'outcomes;
                }
                let _ = token_tx.send(());
            }
        }
        // Stops the reader (no more tokens) and the workers (no one takes their outcomes).
        drop(token_tx);
        drop(done_rx);
        let read = reader.join().unwrap_or_else(|_| Err(Failure("the reader stopped unexpectedly".into())));
        match failed {
            Some(e) => Err(e),
            None => read,
        }
    })
}

/// Threads to use: those asked for, else every core.
pub fn jobs(asked: Option<usize>) -> usize {
    asked.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct N(usize);
    impl Numbered for N {
        fn number(&self) -> usize {
            self.0
        }
    }

    #[test]
    fn outcomes_come_in_input_order_whatever_the_order_they_finish_in() {
        for jobs in [1, 2, 7] {
            let mut i = 0;
            let mut seen = Vec::new();
            run(
                jobs,
                3,
                || {
                    i += 1;
                    Ok((i <= 200).then_some(N(i - 1)))
                },
                |n| {
                    // Later parts finish first now and then.
                    std::thread::sleep(std::time::Duration::from_micros(((n.0 * 7919) % 13) as u64 * 50));
                    n.0 * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{}", e.0));
            assert_eq!(seen, (0..200).map(|n| n * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_failing_sink_or_reader_stops_the_run() {
        let mut i = 0;
        let result = run(
            2,
            4,
            || {
                i += 1;
                Ok(Some(N(i - 1)))
            },
            |n| n.0,
            |r| if r == 10 { Err(Failure("full".into())) } else { Ok(()) },
        );
        assert_eq!(result.err().map(|e| e.0), Some("full".into()));
        let result = run(2, 4, || Err::<Option<N>, _>(Failure("unreadable".into())), |n| n.0, |_| Ok(()));
        assert_eq!(result.err().map(|e| e.0), Some("unreadable".into()));
    }
}
