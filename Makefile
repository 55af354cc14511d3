.PHONY: run test bench
run:
	./scripts/run.sh
test:
	./scripts/test.sh
bench:
	.venv/bin/python benchmarks/bench_detector.py
