#!/usr/bin/env bash
# Builds agentdbg, runs the research demo under the agent (configured only by
# integration-tests/demo/agentdbg.properties, recording what the model answered), prints the analyzer's
# summary of its trace, writes its HTML report (target/demo-report.html), then replays the run offline: no
# LLM server, a dummy API key, the same output.
set -euo pipefail
cd "$(dirname "$0")"

echo "== building agentdbg (agent, analyzer, demo) =="
mvn -B -q -DskipTests package

traces=target/demo-traces
replays=target/demo-replays
rm -rf "$traces" "$replays"
echo
echo "== running the demo under -javaagent:agent/target/agentdbg.jar (agentdbg.mode=record) =="
java -javaagent:agent/target/agentdbg.jar=config=integration-tests/demo/agentdbg.properties,output.dir=$traces,mode=record \
     -jar integration-tests/target/agentdbg-demo.jar

echo
echo "== java -jar analyzer/target/agentdbg-analyzer.jar summary $traces =="
java -jar analyzer/target/agentdbg-analyzer.jar summary "$traces"

echo
echo "== java -jar analyzer/target/agentdbg-analyzer.jar report $traces -o target/demo-report.html =="
java -jar analyzer/target/agentdbg-analyzer.jar report "$traces" -o target/demo-report.html
echo "HTML report: $PWD/target/demo-report.html (one file: open it in any browser, offline)"

echo
echo "== replaying that run offline: no LLM server (a closed port), a dummy API key (agentdbg.mode=replay) =="
RESEARCH_DEMO_BASE_URL=http://127.0.0.1:9/v1 OPENAI_API_KEY=sk-dummy-key-for-replay \
java -javaagent:agent/target/agentdbg.jar=config=integration-tests/demo/agentdbg.properties,output.dir=$replays,mode=replay,replay.from=$traces \
     -jar integration-tests/target/agentdbg-demo.jar

echo
echo "== java -jar analyzer/target/agentdbg-analyzer.jar summary $replays --no-timeline =="
java -jar analyzer/target/agentdbg-analyzer.jar summary "$replays" --no-timeline
