//! The machine a benchmark runs on, and what a run cost the process (CPU
//! seconds of every thread, minor page faults).

#![allow(dead_code)]

use std::thread;

pub struct Machine {
    pub nproc: usize,
    pub cpu: String,
    pub kernel: String,
    pub rmem_default: String,
    pub rmem_max: String,
    /// The 1-minute load average when the run started.
    pub load: f64,
}

impl Machine {
    pub fn read() -> Machine {
        let proc = |p: &str| std::fs::read_to_string(p).map(|s| s.trim().to_string()).unwrap_or_else(|_| "?".into());
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .unwrap_or_else(|| "?".into());
        Machine {
            nproc: thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            cpu,
            kernel: proc("/proc/sys/kernel/osrelease"),
            rmem_default: proc("/proc/sys/net/core/rmem_default"),
            rmem_max: proc("/proc/sys/net/core/rmem_max"),
            load: load_average(),
        }
    }

    /// Whether other work competed for the CPUs (figures then reflect CPU cost as much as speed).
    pub fn busy(&self) -> bool {
        self.load > 0.5 * self.nproc.max(1) as f64
    }

    pub fn line(&self) -> String {
        format!(
            "machine: nproc {}, {}, Linux {}, net.core.rmem_default {}, net.core.rmem_max {}, load average {:.2}",
            self.nproc, self.cpu, self.kernel, self.rmem_default, self.rmem_max, self.load
        )
    }
}

pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0.0)
}

/// CPU time and minor page faults of the whole process (every thread, the
/// sender's included) so far.
#[derive(Clone, Copy)]
pub struct Usage {
    pub cpu: f64,
    pub minflt: i64,
}

impl Usage {
    pub fn now() -> Usage {
        // SAFETY: getrusage fills in the struct it is given; all-zero is a valid rusage.
        let ru = unsafe {
            let mut ru: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_SELF, &mut ru);
            ru
        };
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        Usage { cpu: secs(ru.ru_utime) + secs(ru.ru_stime), minflt: ru.ru_minflt }
    }

    pub fn since(self, before: Usage) -> Usage {
        Usage { cpu: self.cpu - before.cpu, minflt: self.minflt - before.minflt }
    }
}
