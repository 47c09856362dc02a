//! Runs the fake on a free loopback port for tests written in other languages (the VS Code
//! extension's Node tests, Neovim tests): prints `listening on 127.0.0.1:PORT` and serves
//! until killed.
//!
//! Usage: `ecs-fake [--key ID=SECRET]... [--statuses S1,S2,...] [--seed FILE]`. Without `--key`
//! it accepts `testid` / `testsecret`, the pair of the V2 signature documentation's example.
//! `--seed` adds pipelines and components from a JSON file
//! `{"pipelines": [...], "components": [...]}` whose items are described as the service
//! describes them, each with its `RegionId`.

use std::collections::HashMap;
use std::io::Write as _;

use ecs_fake::FakeEcs;

fn main() {
    let mut keys = HashMap::new();
    let mut statuses: Option<Vec<String>> = None;
    let mut seed: Option<serde_json::Value> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--key" => {
                let value = args.next().unwrap_or_default();
                let Some((id, secret)) = value.split_once('=') else {
                    usage(&format!("--key expects ID=SECRET, got {value:?}"));
                };
                keys.insert(id.to_string(), secret.to_string());
            }
            "--statuses" => {
                let value = args.next().unwrap_or_default();
                statuses = Some(value.split(',').map(str::to_string).collect());
            }
            "--seed" => {
                let path = args.next().unwrap_or_default();
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| usage(&format!("--seed {path}: {e}")));
                seed = Some(
                    serde_json::from_str(&text)
                        .unwrap_or_else(|e| usage(&format!("--seed {path}: {e}"))),
                );
            }
            "-h" | "--help" => {
                println!(
                    "usage: ecs-fake [--key ID=SECRET]... [--statuses S1,S2,...] [--seed FILE]"
                );
                return;
            }
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    if keys.is_empty() {
        keys.insert("testid".to_string(), "testsecret".to_string());
    }
    let fake = FakeEcs::start(keys);
    if let Some(statuses) = &statuses {
        let refs: Vec<&str> = statuses.iter().map(String::as_str).collect();
        fake.set_execution_statuses(&refs);
    }
    if let Some(seed) = &seed {
        let items = |key: &str| seed[key].as_array().cloned().unwrap_or_default();
        let region = |item: &serde_json::Value| {
            item["RegionId"]
                .as_str()
                .unwrap_or("cn-hangzhou")
                .to_string()
        };
        for item in items("pipelines") {
            fake.add_image_pipeline(&region(&item), item);
        }
        for item in items("components") {
            fake.add_image_component(&region(&item), item);
        }
    }
    println!("listening on {}", fake.addr());
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}

fn usage(message: &str) -> ! {
    eprintln!(
        "ecs-fake: {message}\nusage: ecs-fake [--key ID=SECRET]... [--statuses S1,S2,...] [--seed FILE]"
    );
    std::process::exit(2);
}
