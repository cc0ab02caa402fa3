/* The main loop's thread (main-loop.h). */
#include "softmmu/main-loop.h"

static GMainContext *context;
static GMainLoop *loop;
static GThread *thread;
static GOnce context_once = G_ONCE_INIT;

static gpointer context_new(gpointer unused)
{
    (void)unused;
    context = g_main_context_new();
    loop = g_main_loop_new(context, FALSE);
    return context;
}

GMainContext *main_loop_context(void)
{
    return g_once(&context_once, context_new, NULL);
}

static gpointer main_loop_run(gpointer unused)
{
    (void)unused;
    g_main_context_push_thread_default(context);
    g_main_loop_run(loop);
    g_main_context_pop_thread_default(context);
    return NULL;
}

void main_loop_start(void)
{
    main_loop_context();
    if (!thread) {
        thread = g_thread_new("main-loop", main_loop_run, NULL);
    }
}

static gboolean quit_cb(gpointer unused)
{
    (void)unused;
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

void main_loop_stop(void)
{
    if (!thread) {
        return;
    }
    g_main_context_invoke(context, quit_cb, NULL);
    g_thread_join(thread);
    thread = NULL;
}

bool main_loop_is_current(void)
{
    return thread && g_thread_self() == thread;
}
