"""The exception and warning lines found in an output, as the error-message index lists them."""

from __future__ import annotations

from pool_guide.messages import Message, find_messages, mask, slug

TRACEBACK = """\
Traceback (most recent call last):
  File "/tmp/x/examples/no_guard.py", line 3, in <module>
    raise RuntimeError('''
RuntimeError:
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.
"""


def test_a_message_on_the_lines_below_its_class_is_read_from_the_next_line() -> None:
    assert find_messages(TRACEBACK) == [
        Message("RuntimeError", "An attempt has been made to start a new process before the")
    ]


def test_source_lines_quoted_in_a_traceback_are_not_messages() -> None:
    output = (
        'Traceback:\n  File "a.py", line 1, in f\n    raise ValueError("bad")\nValueError: bad\n'
    )
    assert find_messages(output) == [Message("ValueError", "bad")]


def test_a_warning_loses_its_path_and_line() -> None:
    line = (
        "/usr/lib/python3.12/multiprocessing/popen_fork.py:66: DeprecationWarning: This process "
        "(pid=12345) is multi-threaded, use of fork() may lead to deadlocks in the child."
    )
    (message,) = find_messages(line)
    assert message.kind == "DeprecationWarning"
    assert message.text.startswith("This process (pid=…) is multi-threaded")


def test_a_script_s_own_report_of_an_exception_is_found_in_the_line() -> None:
    output = (
        "apply_async after close(): ValueError: Pool not running\n"
        "bad.get() raised ZeroDivisionError('division by zero')\n"
        "get(timeout=0.5) raised multiprocessing.context.TimeoutError\n"
        "is it the built-in TimeoutError? False\n"
    )
    assert [m.line for m in find_messages(output)] == [
        "ValueError: Pool not running",
        "ZeroDivisionError: division by zero",
        "multiprocessing.context.TimeoutError",
    ]


def test_what_varies_between_runs_is_masked() -> None:
    text = "Can't pickle <function <lambda> at 0x7f76586b5260> in /home/me/proj/app.py"
    assert mask(text) == "Can't pickle <function <lambda> at 0x…> in …/app.py"
    assert mask("Exception in thread Thread-3 (_handle_results)") == (
        "Exception in thread Thread-… (_handle_results)"
    )
    assert mask("Process ForkPoolWorker-12:") == "Process ForkPoolWorker-…:"


def test_a_dying_thread_keeps_its_line_as_python_prints_it() -> None:
    (message,) = find_messages("Exception in thread Thread-3 (_handle_results):\n")
    assert message.line == "Exception in thread Thread-… (_handle_results):"


def test_the_same_message_from_two_runs_is_one_entry_with_one_anchor() -> None:
    a = find_messages("Exception in thread Thread-3 (_handle_results):")
    b = find_messages("Exception in thread Thread-7 (_handle_results):")
    assert a == b and slug(a[0]) == "msg-exception-in-thread-thread-handle-results"
