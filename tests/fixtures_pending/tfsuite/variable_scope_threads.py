# fixture: units=case_*
"""TensorFlow's variable_scope_test.py, VariableScopeMultithreadedTest: variable scopes
entered in threads (each thread has its own scope stack over the graph's one variable store),
run one after the other, paused inside each other's scope, and a thread re-entering a scope
object captured in the main thread. Graph-mode TF1 rewrites; the assertRaises inside a thread
becomes a try/except whose handler makes a probe variable (an exception would end the thread,
unseen)."""
import threading

import tensorflow as tf


# from VariableScopeMultithreadedTest.testTwoThreadsDisjointScopeEntry
def case_two_threads_disjoint_scope_entry():
    def thread_fn(i, graph):
        with graph.as_default():
            with tf.variable_scope("foo"):
                if i == 0:
                    tf.get_variable("v", [])  # creates: foo/v:0
                else:
                    try:
                        tf.get_variable("v", [])
                    except ValueError:
                        tf.get_variable("probe_exists", [])  # creates: foo/probe_exists:0

    graph = tf.get_default_graph()
    threads = [threading.Thread(target=thread_fn, args=(i, graph)) for i in range(2)]
    threads[0].start()
    threads[0].join()
    threads[1].start()
    threads[1].join()


# from VariableScopeMultithreadedTest.testTwoThreadsNestedScopeEntry
def case_two_threads_nested_scope_entry():
    def thread_fn(i, graph, run_event, pause_event):
        with graph.as_default():
            with tf.variable_scope("foo"):
                if i == 0:
                    tf.get_variable("v", [])  # creates: foo/v:0
                else:
                    try:
                        tf.get_variable("v", [])
                    except ValueError:
                        tf.get_variable("probe_exists", [])  # creates: foo/probe_exists:0
                pause_event.set()
                run_event.wait()

    graph = tf.get_default_graph()
    run_events = [threading.Event() for _ in range(2)]
    pause_events = [threading.Event() for _ in range(2)]
    threads = [threading.Thread(target=thread_fn, args=(i, graph, run_events[i], pause_events[i]))
               for i in range(2)]
    threads[0].start()
    pause_events[0].wait()
    threads[1].start()
    pause_events[1].wait()
    run_events[0].set()
    run_events[1].set()
    threads[0].join()
    threads[1].join()


# from VariableScopeMultithreadedTest.testReenterMainScope
def case_reenter_main_scope():
    def thread_fn(graph, main_thread_scope):
        with graph.as_default():
            with tf.variable_scope(main_thread_scope):
                with tf.variable_scope("foo"):
                    tf.get_variable("v", [])  # creates: main/foo/v:0
            with tf.variable_scope("bar"):
                tf.get_variable("v", [])  # creates: bar/v:0

    graph = tf.get_default_graph()
    with tf.variable_scope("main") as main_thread_scope:
        thread = threading.Thread(target=thread_fn, args=(graph, main_thread_scope))
        thread.start()
        thread.join()
