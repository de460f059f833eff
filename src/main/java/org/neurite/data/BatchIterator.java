package org.neurite.data;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One epoch of batches, prepared one step ahead on a daemon thread: while the caller trains on
 * batch {@code k}, the thread gathers batch {@code k + 1} (at most one finished batch waits in the
 * queue). The thread allocates outside every ND4J workspace, so the batches survive the
 * per-step workspace of the training loop.
 *
 * <p>An exception thrown while preparing a batch is rethrown by {@link #hasNext()}/{@link #next()}
 * as an {@link IllegalStateException} whose cause is the original. The thread ends by itself after
 * the last batch; {@link #close()} stops it early (an iterator dropped without closing is stopped
 * once it is garbage-collected).
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIterator.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * The prefetch threads, kept between epochs: a new native thread per epoch made glibc spread
     * the batches' memory over ever more malloc arenas (RSS grew about 1% per epoch).
     */
    private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "neurite-batches-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final Object END = new Object();
    private static final long JOIN_MILLIS = 10_000;

    private final Producer producer;
    private final Cleaner.Cleanable cleanable;
    private final String label;
    private Object pending;
    private boolean finished;

    BatchIterator(List<int[]> chunks, Function<int[], Batch> loader, String label) {
        this(new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < chunks.size();
            }

            @Override
            public Batch next() {
                return loader.apply(chunks.get(next++));
            }
        }, chunks.size(), label);
    }

    /**
     * Prefetches the batches of {@code source}, which runs on the prefetch thread; {@code size} is
     * their number, or -1 when unknown (a stream). A source that is {@link AutoCloseable} is closed
     * when the epoch ends or the iterator is closed.
     */
    BatchIterator(Iterator<Batch> source, int size, String label) {
        this.label = label;
        this.producer = new Producer(source, size);
        this.cleanable = CLEANER.register(this, producer::stop);
        producer.future = PREFETCH.submit(producer);
    }

    /** The number of batches in this epoch, or -1 when the source does not know it (a stream). */
    public int size() {
        return producer.size;
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (pending == null) {
            pending = producer.take();
        }
        if (pending == END) {
            finished = true;
            cleanable.clean();
            return false;
        }
        if (pending instanceof Failure failure) {
            finished = true;
            close();
            Throwable error = failure.error();
            throw new IllegalStateException("preparing batch " + (failure.batch() + 1)
                    + (size() >= 0 ? " of " + size() : "") + " (" + label + ") failed on the prefetch thread: "
                    + error, error);
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all batches of " + label + " were returned");
        }
        Batch batch = (Batch) pending;
        pending = null;
        return batch;
    }

    /** Stops the prefetch thread and waits for it to end; safe to call more than once. */
    @Override
    public void close() {
        finished = true;
        pending = null;
        cleanable.clean();
        producer.join();
    }

    /** Whether the prefetch thread is still running (for tests). */
    boolean producerAlive() {
        return !producer.finished.isDone();
    }

    private record Failure(int batch, Throwable error) {
    }

    /** The background side; holds no reference to its iterator, so the iterator can be collected. */
    private static final class Producer implements Runnable {
        private final Iterator<Batch> source;
        private final int size;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile boolean stopped;
        private volatile Thread thread;
        private Future<?> future;

        Producer(Iterator<Batch> source, int size) {
            this.source = source;
            this.size = size;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {   // stopped before it began: stop() closed the source
                finished.complete(null);
                return;
            }
            thread = Thread.currentThread();
            try {
                for (int i = 0; !stopped; i++) {
                    Batch batch;
                    try {
                        if (!source.hasNext()) {
                            break;
                        }
                        batch = source.next();
                    } catch (Throwable t) {
                        LOG.debug("preparing batch {} failed", i, t);
                        queue.put(new Failure(i, t));
                        return;
                    }
                    queue.put(batch);
                }
                queue.put(END);
            } catch (InterruptedException e) {
                LOG.trace("batch prefetch thread stopped");
            } finally {
                closeSource();
                thread = null;
                Thread.interrupted();   // the pooled thread goes back clean
                finished.complete(null);
            }
        }

        /** Closes a closeable source (a file) on the prefetch thread, the only one that reads it. */
        private void closeSource() {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("cannot close the batch source of this epoch: {}", e.toString());
                }
            }
        }

        Object take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }

        void stop() {
            stopped = true;
            if (future != null) {
                future.cancel(true);   // interrupts the producer if it is running
            }
            queue.clear();
            if (started.compareAndSet(false, true)) {   // never ran, so nobody else will close the source
                closeSource();
                finished.complete(null);
            }
        }

        void join() {
            if (Thread.currentThread() == thread || future == null || future.isCancelled() && thread == null) {
                return;
            }
            try {
                finished.get(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("batch prefetch did not end cleanly", e);
            }
        }
    }
}
