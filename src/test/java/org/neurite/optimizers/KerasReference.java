package org.neurite.optimizers;

import java.util.function.LongToDoubleFunction;

/**
 * Keras 3's optimizer step written out with scalar double loops, straight from the Keras source
 * formulas (optimizers/base_optimizer.py, sgd.py, adam.py, rmsprop.py, adagrad.py). It shares no
 * code with the production optimizers, so it is the independent check of every rule.
 *
 * <p>Keras's order within one step: learning rate at the current iteration; clip the gradients;
 * decoupled weight decay {@code p -= p * wd * lr}; the rule's update_step; iteration += 1.
 */
final class KerasReference {
    /** Hyperparameters of one case, initialised to the Keras defaults of its rule. */
    static final class Spec {
        final String rule;
        double learningRate;
        LongToDoubleFunction schedule;
        double momentum = 0.0;
        boolean nesterov = false;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-7;
        boolean amsgrad = false;
        double rho = 0.9;
        boolean centered = false;
        double initialAccumulator = 0.1;
        double weightDecay = 0.0;
        double clipnorm = 0.0;
        double globalClipnorm = 0.0;
        double clipvalue = 0.0;

        Spec(String rule, double learningRate) {
            this.rule = rule;
            this.learningRate = learningRate;
        }

        Spec with(java.util.function.Consumer<Spec> change) {
            change.accept(this);
            return this;
        }

        @Override
        public String toString() {
            return rule;
        }
    }

    private KerasReference() {
    }

    /**
     * The parameters after {@code steps} Keras steps from {@code initial} ([variable][element])
     * with gradient {@code grads[t][variable][element]} at step t.
     */
    static double[][] run(Spec s, double[][] initial, double[][][] grads, int steps) {
        int nv = initial.length;
        double[][] p = new double[nv][];
        double[][] m = new double[nv][];
        double[][] v = new double[nv][];
        double[][] vhat = new double[nv][];
        double[][] buf = new double[nv][];
        for (int i = 0; i < nv; i++) {
            int n = initial[i].length;
            p[i] = initial[i].clone();
            m[i] = new double[n];
            v[i] = new double[n];
            vhat[i] = new double[n];
            buf[i] = new double[n];
            if (s.rule.equals("adagrad")) {
                java.util.Arrays.fill(v[i], s.initialAccumulator);
            }
        }
        for (int t = 0; t < steps; t++) {
            double lr = s.schedule == null ? s.learningRate : s.schedule.applyAsDouble(t);
            double[][] g = clip(s, grads[t]);
            for (int i = 0; i < nv; i++) {
                for (int k = 0; k < p[i].length; k++) {
                    if (s.weightDecay > 0) {
                        p[i][k] = p[i][k] - p[i][k] * s.weightDecay * lr;
                    }
                    double gk = g[i][k];
                    switch (s.rule) {
                        case "sgd" -> {
                            if (s.momentum != 0) {
                                m[i][k] = m[i][k] * s.momentum - gk * lr;
                                if (s.nesterov) {
                                    p[i][k] += m[i][k] * s.momentum - gk * lr;
                                } else {
                                    p[i][k] += m[i][k];
                                }
                            } else {
                                p[i][k] -= gk * lr;
                            }
                        }
                        case "adam" -> {
                            double localStep = t + 1;
                            double alpha = lr * Math.sqrt(1 - Math.pow(s.beta2, localStep))
                                    / (1 - Math.pow(s.beta1, localStep));
                            m[i][k] += (gk - m[i][k]) * (1 - s.beta1);
                            v[i][k] += (gk * gk - v[i][k]) * (1 - s.beta2);
                            double denomV = v[i][k];
                            if (s.amsgrad) {
                                vhat[i][k] = Math.max(vhat[i][k], v[i][k]);
                                denomV = vhat[i][k];
                            }
                            p[i][k] -= m[i][k] * alpha / (Math.sqrt(denomV) + s.epsilon);
                        }
                        case "rmsprop" -> {
                            v[i][k] = s.rho * v[i][k] + (1 - s.rho) * gk * gk;
                            double denominator;
                            if (s.centered) {
                                m[i][k] = s.rho * m[i][k] + (1 - s.rho) * gk;
                                denominator = v[i][k] - m[i][k] * m[i][k] + s.epsilon;
                            } else {
                                denominator = v[i][k] + s.epsilon;
                            }
                            double increment = lr * gk / Math.sqrt(denominator);
                            if (s.momentum > 0) {
                                buf[i][k] = s.momentum * buf[i][k] + increment;
                                p[i][k] -= buf[i][k];
                            } else {
                                p[i][k] -= increment;
                            }
                        }
                        case "adagrad" -> {
                            v[i][k] += gk * gk;
                            p[i][k] -= lr * gk / Math.sqrt(v[i][k] + s.epsilon);
                        }
                        default -> throw new IllegalArgumentException(s.rule);
                    }
                }
            }
        }
        return p;
    }

    /** Keras's _clip_gradients: clipnorm per variable, else global_clipnorm, else clipvalue. */
    private static double[][] clip(Spec s, double[][] grads) {
        double[][] g = new double[grads.length][];
        for (int i = 0; i < grads.length; i++) {
            g[i] = grads[i].clone();
        }
        if (s.clipnorm > 0) {
            for (double[] gi : g) {
                double sum = 0;
                for (double x : gi) {
                    sum += x * x;
                }
                double l2 = Math.sqrt(sum);
                for (int k = 0; k < gi.length; k++) {
                    gi[k] = gi[k] * s.clipnorm / Math.max(l2, s.clipnorm);
                }
            }
        } else if (s.globalClipnorm > 0) {
            double sum = 0;
            for (double[] gi : g) {
                for (double x : gi) {
                    sum += x * x;
                }
            }
            double norm = Math.sqrt(sum);
            double scale = s.globalClipnorm * Math.min(1.0 / norm, 1.0 / s.globalClipnorm);
            for (double[] gi : g) {
                for (int k = 0; k < gi.length; k++) {
                    gi[k] *= scale;
                }
            }
        } else if (s.clipvalue > 0) {
            for (double[] gi : g) {
                for (int k = 0; k < gi.length; k++) {
                    gi[k] = Math.min(Math.max(gi[k], -s.clipvalue), s.clipvalue);
                }
            }
        }
        return g;
    }
}
