"""Comparing one example's outputs from two CPythons: what is masked, and the verdicts."""

from __future__ import annotations

from pool_guide.output_compare import Comparison, compare, masked_diff, masked_lines


def test_pids_are_hidden_so_which_worker_ran_which_task_is_not_compared() -> None:
    main = "worker PIDs before: [528, 529]\nworker PIDs after:  [529, 537]"
    other = "worker PIDs before: [7001, 7002]\nworker PIDs after:  [7001, 7010]"
    assert masked_lines(main) == ["worker PIDs before: [#, #]", "worker PIDs after: [#, #]"]
    assert compare(main, other) == "same"
    assert compare(main, "worker PIDs before: [7001]\nworker PIDs after:  [7001, 7010]") == (
        "differs"
    )


def test_addresses_timings_worker_numbers_and_traceback_lines_are_masked() -> None:
    main = "\n".join(
        [
            "<Pool state=RUN at 0x7f3a2c1b> took 0.52 s on 3.11.7 in ForkPoolWorker-3",
            '  File "examples/apply.py", line 12, in <module>',
            '  File "<stdlib>/multiprocessing/pool.py", line 771, in get',
            "    raise self._value",
            "    ^^^^^^^^^^^^^^^^^",
            "<stdlib>/multiprocessing/pool.py:268: ResourceWarning: unclosed",
        ]
    )
    other = "\n".join(
        [
            "<Pool state=RUN at 0x55d0e1> took 1.03 s on 3.8.18 in ForkPoolWorker-1",
            '  File "apply.py", line 12, in <module>',  # 3.8: __main__'s path is relative
            '  File "<stdlib>/multiprocessing/pool.py", line 768, in get',
            "    raise self._value",  # no caret line before 3.11
            "<stdlib>/multiprocessing/pool.py:265: ResourceWarning: unclosed",
        ]
    )
    assert compare(main, other) == "same"


def test_the_same_lines_in_another_order_are_reordered_not_different() -> None:
    main = "square(1) in 1201\nsquare(2) in 1202\n[1, 4]"
    other = "square(2) in 3302\nsquare(1) in 3301\n[1, 4]"
    assert compare(main, other) == "reordered"


def test_a_changed_message_differs_and_its_diff_shows_only_that_line() -> None:
    main = "pid 1234\nTypeError: BadInput.__init__() missing 1 required positional argument"
    other = "pid 4321\nTypeError: __init__() missing 1 required positional argument"
    assert compare(main, other) == "differs"
    diff = masked_diff(main, other, "3.11.7", "3.8.18")
    assert diff.splitlines()[:2] == ["--- 3.11.7", "+++ 3.8.18"]
    assert "-TypeError: BadInput.__init__() missing" in diff
    assert "+TypeError: __init__() missing" in diff
    assert "pid" not in diff.replace("pid #", "")  # the unchanged line is context at most


def test_what_an_example_says_varies_is_set_aside() -> None:
    main = "round 1, no lock: total.value = 485 (expected 800)\ntraceback cut here\nparent: done"
    other = "round 1, no lock: total.value = 523 (expected 800)\nparent: done"
    assert compare(main, other) == "differs"
    how = Comparison(varies=r"(?<=total\.value = )\d+", lines=r"^(round|parent)")
    assert compare(main, other, how) == "same"
    # What is not set aside is still compared.
    assert compare(main, other.replace("expected 800", "expected 80"), how) == "differs"
