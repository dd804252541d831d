/*
 * Stubs for kernel macros, so CDT can parse kernel C without headers or a .config.
 * One "#define" per line; a definition in the file being parsed takes precedence.
 * Annotations become nothing, declarator macros become declarations, loop macros become a "for"
 * that still evaluates their arguments, so what they read (vma->vm_pgoff, ...) stays visible.
 */

/* sparse and compiler annotations */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __bitwise
#define __safe
#define __nocast
#define __private
#define __must_check
#define __maybe_unused
#define __always_unused
#define __used
#define __unused
#define __pure
#define __cold
#define __hot
#define __weak
#define __always_inline inline
#define noinline
#define __noinline
#define __noreturn
#define __packed
#define __aligned(x)
#define __section(x)
#define __printf(a, b)
#define __scanf(a, b)
#define __malloc
#define __deprecated
#define __randomize_layout
#define __no_randomize_layout
#define __counted_by(x)
#define __counted_by_le(x)
#define __counted_by_be(x)
#define __nonstring
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned
#define __cacheline_aligned_in_smp
#define ____cacheline_aligned
#define ____cacheline_aligned_in_smp
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __must_hold(x)
#define __cond_lock(x, c) (c)
#define __visible
#define __attribute_const__
#define __latent_entropy
#define __designated_init
#define __no_kcsan
#define __no_sanitize_address
#define noinstr
#define notrace
#define asmlinkage
#define __sched
#define __ref
#define __refdata
#define __refconst
#define __fastcall
#define __stringify(x) #x
#define __free(x)
#define __cleanup(x)
#define fallthrough do {} while (0)
#define __assume_aligned(a)
#define __alloc_size(...)
#define __realloc_size(...)
#define __sparse_cache
#define __kernel_cap_t int

/* section annotations */
#define __init
#define __exit
#define __initdata
#define __initconst
#define __exitdata
#define __devinit
#define __devexit
#define __devinitdata
#define __devexit_p(x) x
#define __exit_p(x) x
#define __meminit
#define __meminitdata
#define __cpuinit
#define __init_or_module
#define __ksym

/* module boilerplate */
#define EXPORT_SYMBOL(x)
#define EXPORT_SYMBOL_GPL(x)
#define EXPORT_SYMBOL_NS(x, ns)
#define EXPORT_SYMBOL_NS_GPL(x, ns)
#define EXPORT_SYMBOL_FOR_TESTS_ONLY(x)
#define EXPORT_SYMBOL_IF_KUNIT(x)
#define EXPORT_TRACEPOINT_SYMBOL(x)
#define EXPORT_TRACEPOINT_SYMBOL_GPL(x)
#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_VERSION(x)
#define MODULE_ALIAS(x)
#define MODULE_ALIAS_CHARDEV(...)
#define MODULE_ALIAS_CHARDEV_MAJOR(x)
#define MODULE_ALIAS_MISCDEV(x)
#define MODULE_ALIAS_FS(x)
#define MODULE_DEVICE_TABLE(t, n)
#define MODULE_FIRMWARE(x)
#define MODULE_IMPORT_NS(x)
#define MODULE_SOFTDEP(x)
#define MODULE_INFO(t, i)
#define MODULE_PARM_DESC(p, d)
#define module_param(n, t, p)
#define module_param_named(n, v, t, p)
#define module_param_unsafe(n, t, p)
#define module_param_array(n, t, c, p)
#define module_param_string(n, s, l, p)
#define module_param_cb(n, o, a, p)
#define module_init(x)
#define module_exit(x)
#define module_driver(...)
#define module_platform_driver(x)
#define module_pci_driver(x)
#define module_i2c_driver(x)
#define module_spi_driver(x)
#define module_usb_driver(x)
#define module_virtio_driver(x)
#define module_misc_device(x)
#define module_auxiliary_driver(x)
#define builtin_platform_driver(x)
#define subsys_initcall(x)
#define fs_initcall(x)
#define device_initcall(x)
#define late_initcall(x)
#define late_initcall_sync(x)
#define arch_initcall(x)
#define core_initcall(x)
#define postcore_initcall(x)
#define early_initcall(x)
#define pure_initcall(x)
#define rootfs_initcall(x)
#define __initcall(x)
#define console_initcall(x)
#define security_initcall(x)
#define kunit_test_suite(x)
#define kunit_test_suites(...)
#define ALLOW_ERROR_INJECTION(f, t)
#define NOKPROBE_SYMBOL(x)
#define STACK_FRAME_NON_STANDARD(x)
#define BUILD_BUG_ON(x) do {} while (0)
#define BUILD_BUG_ON_MSG(x, m) do {} while (0)
#define static_assert(...)
#define _Static_assert(...)
#define DEBUG_LOCKS_WARN_ON(x) (x)
#define ATTRIBUTE_GROUPS(x)
#define DEVICE_ATTR(n, m, s, t) struct device_attribute dev_attr_##n
#define DEVICE_ATTR_RO(n) struct device_attribute dev_attr_##n
#define DEVICE_ATTR_RW(n) struct device_attribute dev_attr_##n
#define DEVICE_ATTR_WO(n) struct device_attribute dev_attr_##n
#define DEVICE_ATTR_ADMIN_RO(n) struct device_attribute dev_attr_##n
#define DEVICE_ATTR_ADMIN_RW(n) struct device_attribute dev_attr_##n
#define DRIVER_ATTR_RO(n) struct driver_attribute driver_attr_##n
#define DRIVER_ATTR_RW(n) struct driver_attribute driver_attr_##n
#define BIN_ATTR_RO(n, s) struct bin_attribute bin_attr_##n
#define BIN_ATTR_RW(n, s) struct bin_attribute bin_attr_##n
#define CLASS_ATTR_RO(n) struct class_attribute class_attr_##n
#define CLASS_ATTR_RW(n) struct class_attribute class_attr_##n
#define DEFINE_SIMPLE_ATTRIBUTE(f, g, s, fmt) struct file_operations f
#define DEFINE_DEBUGFS_ATTRIBUTE(f, g, s, fmt) struct file_operations f
#define DEFINE_SHOW_ATTRIBUTE(n) struct file_operations n##_fops
#define DEFINE_SEQ_ATTRIBUTE(n) struct file_operations n##_fops
#define DEFINE_SIMPLE_DEV_PM_OPS(n, s, r) struct dev_pm_ops n
#define DEFINE_RUNTIME_DEV_PM_OPS(n, s, r, i) struct dev_pm_ops n
#define SIMPLE_DEV_PM_OPS(n, s, r) struct dev_pm_ops n
#define UNIVERSAL_DEV_PM_OPS(n, s, r, i) struct dev_pm_ops n
#define SET_SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_RUNTIME_PM_OPS(s, r, i)
#define SET_LATE_SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)
#define SYSTEM_SLEEP_PM_OPS(s, r)
#define RUNTIME_PM_OPS(s, r, i)
#define pm_ptr(x) (x)
#define pm_sleep_ptr(x) (x)
#define of_match_ptr(x) (x)
#define ACPI_PTR(x) (x)
#define IS_ENABLED(x) 1
#define IS_BUILTIN(x) 1
#define IS_MODULE(x) 0
#define IS_REACHABLE(x) 1

/* declarator macros */
#define DEFINE_MUTEX(x) struct mutex x
#define DEFINE_SPINLOCK(x) spinlock_t x
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x
#define DEFINE_RWLOCK(x) rwlock_t x
#define DEFINE_SEMAPHORE(x, ...) struct semaphore x
#define DEFINE_IDA(x) struct ida x
#define DEFINE_IDR(x) struct idr x
#define DEFINE_XARRAY(x) struct xarray x
#define DEFINE_XARRAY_ALLOC(x) struct xarray x
#define DEFINE_XARRAY_ALLOC1(x) struct xarray x
#define DEFINE_XARRAY_FLAGS(x, f) struct xarray x
#define DEFINE_PER_CPU(t, n) t n
#define DECLARE_PER_CPU(t, n) extern t n
#define DEFINE_STATIC_KEY_FALSE(x) struct static_key_false x
#define DEFINE_STATIC_KEY_TRUE(x) struct static_key_true x
#define DEFINE_STATIC_SRCU(x) struct srcu_struct x
#define DEFINE_SRCU(x) struct srcu_struct x
#define DEFINE_WAIT(x) struct wait_queue_entry x
#define DEFINE_WAIT_FUNC(x, f) struct wait_queue_entry x
#define DEFINE_WW_CLASS(x) struct ww_class x
#define DEFINE_WW_MUTEX(x, c) struct ww_mutex x
#define DEFINE_HASHTABLE(n, b) struct hlist_head n[1]
#define DECLARE_HASHTABLE(n, b) struct hlist_head n[1]
#define DECLARE_BITMAP(n, b) unsigned long n[1]
#define DEFINE_BITMAP(n, b) unsigned long n[1]
#define DECLARE_WAIT_QUEUE_HEAD(x) struct wait_queue_head x
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(x) struct wait_queue_head x
#define DECLARE_WAITQUEUE(n, t) struct wait_queue_entry n
#define DECLARE_COMPLETION(x) struct completion x
#define DECLARE_COMPLETION_ONSTACK(x) struct completion x
#define DECLARE_WORK(n, f) struct work_struct n
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n
#define DECLARE_RWSEM(x) struct rw_semaphore x
#define DEFINE_LLIST(x) struct llist_head x
#define LIST_HEAD(x) struct list_head x
#define HLIST_HEAD(x) struct hlist_head x
#define DEFINE_DMA_BUF_EXPORT_INFO(x) struct dma_buf_export_info x = { 0 }
#define DEFINE_DRM_GEM_FOPS(x) struct file_operations x
#define DEFINE_DRM_GEM_DMA_FOPS(x) struct file_operations x
#define DEFINE_DRM_ACCEL_FOPS(x) struct file_operations x
#define DEFINE_RES_MEM(s, z) { 0 }
#define DEFINE_RATELIMIT_STATE(n, i, b) struct ratelimit_state n
#define DEFINE_GUARD(n, t, l, u)
#define DEFINE_FREE(n, t, f)
#define DEFINE_CLASS(...)
#define DEFINE_LOCK_GUARD_0(...)
#define DEFINE_LOCK_GUARD_1(...)
#define guard(n) int __guard_##n =
#define scoped_guard(...) for (;;)
#define scoped_cond_guard(...) for (;;)
#define DECLARE_FLEX_ARRAY(t, n) t n[]
#define __struct_group(t, n, a, ...) struct { __VA_ARGS__ } n
#define struct_group(n, ...) struct { __VA_ARGS__ } n
#define struct_group_tagged(t, n, ...) struct t { __VA_ARGS__ } n
#define TRACE_EVENT(...)
#define DECLARE_EVENT_CLASS(...)
#define DEFINE_EVENT(...)
#define TRACE_DEFINE_ENUM(x)

/* expressions */
#define container_of(ptr, type, member) ((type *)(ptr))
#define container_of_const(ptr, type, member) ((type *)(ptr))
#define offsetof(type, member) 0
#define offsetofend(type, member) 0
#define sizeof_field(type, member) 0
#define typeof_member(type, member) int
#define likely(x) (x)
#define unlikely(x) (x)
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp_t(t, v, lo, hi) ((t)(v))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))
#define GENMASK(h, l) (h)
#define GENMASK_ULL(h, l) (h)
#define FIELD_PREP(m, v) (v)
#define FIELD_GET(m, v) (v)
#define __auto_type int
#define __builtin_expect(x, y) (x)
#define __builtin_constant_p(x) 0
#define __builtin_offsetof(t, m) 0
#define __builtin_types_compatible_p(a, b) 0
#define __same_type(a, b) 0
#define __must_be_array(a) 0
#define __is_constexpr(x) 0
#define sizeof_member(t, m) 0
#define struct_size(p, m, n) 0
#define struct_size_t(t, m, n) 0
#define flex_array_size(p, m, n) 0
#define check_add_overflow(a, b, d) (*(d) = (a) + (b), 0)
#define check_mul_overflow(a, b, d) (*(d) = (a) * (b), 0)
#define check_sub_overflow(a, b, d) (*(d) = (a) - (b), 0)
#define pr_fmt(fmt) fmt
#define dev_fmt(fmt) fmt
#define KBUILD_MODNAME "mod"
#define THIS_MODULE ((struct module *)0)
#define NULL ((void *)0)
#define true 1
#define false 0
#define va_arg(ap, t) (*(t *)(ap))

/* loop heads used like statements */
#define for_each_sg(sgl, sg, nents, i) for ((void)(sgl), (void)(sg), (void)(nents), (void)(i);;)
#define for_each_sgtable_sg(sgt, sg, i) for ((void)(sgt), (void)(sg), (void)(i);;)
#define for_each_sgtable_dma_sg(sgt, sg, i) for ((void)(sgt), (void)(sg), (void)(i);;)
#define for_each_sgtable_page(sgt, piter, pgoff) for ((void)(sgt), (void)(piter), (void)(pgoff);;)
#define for_each_sgtable_dma_page(sgt, piter, pgoff) for ((void)(sgt), (void)(piter), (void)(pgoff);;)
#define for_each_sg_page(sgl, piter, nents, pgoff) for ((void)(sgl), (void)(piter), (void)(nents), (void)(pgoff);;)
#define for_each_sg_dma_page(sgl, piter, nents, pgoff) for ((void)(sgl), (void)(piter), (void)(nents), (void)(pgoff);;)
#define list_for_each(pos, head) for ((void)(pos), (void)(head);;)
#define list_for_each_safe(pos, n, head) for ((void)(pos), (void)(n), (void)(head);;)
#define list_for_each_prev(pos, head) for ((void)(pos), (void)(head);;)
#define list_for_each_entry(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define list_for_each_entry_safe(pos, n, head, member) for ((void)(pos), (void)(n), (void)(head), (void)(member);;)
#define list_for_each_entry_reverse(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define list_for_each_entry_safe_reverse(pos, n, head, member) for ((void)(pos), (void)(n), (void)(head), (void)(member);;)
#define list_for_each_entry_continue(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define list_for_each_entry_continue_reverse(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define list_for_each_entry_from(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define list_for_each_entry_safe_continue(pos, n, head, member) for ((void)(pos), (void)(n), (void)(head), (void)(member);;)
#define list_for_each_entry_rcu(pos, head, member, ...) for ((void)(pos), (void)(head), (void)(member);;)
#define list_for_each_entry_lockless(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define hlist_for_each(pos, head) for ((void)(pos), (void)(head);;)
#define hlist_for_each_safe(pos, n, head) for ((void)(pos), (void)(n), (void)(head);;)
#define hlist_for_each_entry(pos, head, member) for ((void)(pos), (void)(head), (void)(member);;)
#define hlist_for_each_entry_safe(pos, n, head, member) for ((void)(pos), (void)(n), (void)(head), (void)(member);;)
#define hlist_for_each_entry_rcu(pos, head, member, ...) for ((void)(pos), (void)(head), (void)(member);;)
#define llist_for_each_entry(pos, node, member) for ((void)(pos), (void)(node), (void)(member);;)
#define llist_for_each_entry_safe(pos, n, node, member) for ((void)(pos), (void)(n), (void)(node), (void)(member);;)
#define hash_for_each(name, bkt, obj, member) for ((void)(name), (void)(bkt), (void)(obj), (void)(member);;)
#define hash_for_each_safe(name, bkt, tmp, obj, member) for ((void)(name), (void)(bkt), (void)(tmp), (void)(obj), (void)(member);;)
#define hash_for_each_possible(name, obj, member, key) for ((void)(name), (void)(obj), (void)(member), (void)(key);;)
#define hash_for_each_possible_rcu(name, obj, member, key, ...) for ((void)(name), (void)(obj), (void)(member), (void)(key);;)
#define idr_for_each_entry(idr, entry, id) for ((void)(idr), (void)(entry), (void)(id);;)
#define idr_for_each_entry_ul(idr, entry, tmp, id) for ((void)(idr), (void)(entry), (void)(tmp), (void)(id);;)
#define xa_for_each(xa, index, entry) for ((void)(xa), (void)(index), (void)(entry);;)
#define xa_for_each_start(xa, index, entry, start) for ((void)(xa), (void)(index), (void)(entry), (void)(start);;)
#define xa_for_each_range(xa, index, entry, start, last) for ((void)(xa), (void)(index), (void)(entry), (void)(start), (void)(last);;)
#define xa_for_each_marked(xa, index, entry, filter) for ((void)(xa), (void)(index), (void)(entry), (void)(filter);;)
#define for_each_set_bit(bit, addr, size) for ((void)(bit), (void)(addr), (void)(size);;)
#define for_each_clear_bit(bit, addr, size) for ((void)(bit), (void)(addr), (void)(size);;)
#define for_each_possible_cpu(cpu) for ((void)(cpu);;)
#define for_each_online_cpu(cpu) for ((void)(cpu);;)
#define for_each_present_cpu(cpu) for ((void)(cpu);;)
#define for_each_cpu(cpu, mask) for ((void)(cpu), (void)(mask);;)
#define for_each_node(node) for ((void)(node);;)
#define for_each_online_node(node) for ((void)(node);;)
#define for_each_child_of_node(parent, child) for ((void)(parent), (void)(child);;)
#define for_each_available_child_of_node(parent, child) for ((void)(parent), (void)(child);;)
#define for_each_compatible_node(dn, type, compatible) for ((void)(dn), (void)(type), (void)(compatible);;)
#define for_each_matching_node(dn, matches) for ((void)(dn), (void)(matches);;)
#define for_each_node_by_name(dn, name) for ((void)(dn), (void)(name);;)
#define for_each_property_of_node(dn, pp) for ((void)(dn), (void)(pp);;)
#define device_for_each_child_node(dev, child) for ((void)(dev), (void)(child);;)
#define fwnode_for_each_child_node(fwnode, child) for ((void)(fwnode), (void)(child);;)
#define for_each_vma(vmi, vma) for ((void)(vmi), (void)(vma);;)
#define for_each_vma_range(vmi, vma, end) for ((void)(vmi), (void)(vma), (void)(end);;)
#define for_each_process(p) for ((void)(p);;)
#define for_each_thread(p, t) for ((void)(p), (void)(t);;)
#define for_each_dma_fence(f, i, arr) for ((void)(f), (void)(i), (void)(arr);;)
#define dma_resv_for_each_fence(cursor, obj, usage, fence) for ((void)(cursor), (void)(obj), (void)(usage), (void)(fence);;)
#define dma_resv_for_each_fence_unlocked(cursor, fence) for ((void)(cursor), (void)(fence);;)
#define dma_fence_array_for_each(fence, index, head) for ((void)(fence), (void)(index), (void)(head);;)
#define dma_fence_unwrap_for_each(fence, cursor, head) for ((void)(fence), (void)(cursor), (void)(head);;)
#define drm_for_each_connector_iter(connector, iter) for ((void)(connector), (void)(iter);;)
#define drm_for_each_crtc(crtc, dev) for ((void)(crtc), (void)(dev);;)
#define drm_for_each_plane(plane, dev) for ((void)(plane), (void)(dev);;)
#define drm_for_each_encoder(encoder, dev) for ((void)(encoder), (void)(dev);;)
#define drm_for_each_fb(fb, dev) for ((void)(fb), (void)(dev);;)
#define drm_for_each_plane_mask(plane, dev, mask) for ((void)(plane), (void)(dev), (void)(mask);;)
#define drm_for_each_encoder_mask(encoder, dev, mask) for ((void)(encoder), (void)(dev), (void)(mask);;)
#define drm_for_each_crtc_reverse(crtc, dev) for ((void)(crtc), (void)(dev);;)
#define drm_for_each_bridge_in_chain(encoder, bridge) for ((void)(encoder), (void)(bridge);;)
#define drm_atomic_crtc_for_each_plane(plane, crtc) for ((void)(plane), (void)(crtc);;)
#define for_each_new_crtc_in_state(state, crtc, new_crtc_state, i) for ((void)(state), (void)(crtc), (void)(new_crtc_state), (void)(i);;)
#define for_each_old_crtc_in_state(state, crtc, old_crtc_state, i) for ((void)(state), (void)(crtc), (void)(old_crtc_state), (void)(i);;)
#define for_each_oldnew_crtc_in_state(state, crtc, old, new, i) for ((void)(state), (void)(crtc), (void)(old), (void)(new), (void)(i);;)
#define for_each_new_plane_in_state(state, plane, new_plane_state, i) for ((void)(state), (void)(plane), (void)(new_plane_state), (void)(i);;)
#define for_each_old_plane_in_state(state, plane, old_plane_state, i) for ((void)(state), (void)(plane), (void)(old_plane_state), (void)(i);;)
#define for_each_oldnew_plane_in_state(state, plane, old, new, i) for ((void)(state), (void)(plane), (void)(old), (void)(new), (void)(i);;)
#define for_each_new_connector_in_state(state, c, new, i) for ((void)(state), (void)(c), (void)(new), (void)(i);;)
#define for_each_old_connector_in_state(state, c, old, i) for ((void)(state), (void)(c), (void)(old), (void)(i);;)
#define for_each_oldnew_connector_in_state(state, c, old, new, i) for ((void)(state), (void)(c), (void)(old), (void)(new), (void)(i);;)
#define for_each_new_private_obj_in_state(state, obj, new, i) for ((void)(state), (void)(obj), (void)(new), (void)(i);;)
#define drm_gem_for_each_gpuva(va, obj) for ((void)(va), (void)(obj);;)
#define drm_exec_until_all_locked(exec) for ((void)(exec);;)
#define drm_exec_for_each_locked_object(exec, index, obj) for ((void)(exec), (void)(index), (void)(obj);;)
#define rb_for_each(node, key, tree, cmp) for ((void)(node), (void)(key), (void)(tree), (void)(cmp);;)
#define rbtree_postorder_for_each_entry_safe(pos, n, root, field) for ((void)(pos), (void)(n), (void)(root), (void)(field);;)
#define radix_tree_for_each_slot(slot, root, iter, start) for ((void)(slot), (void)(root), (void)(iter), (void)(start);;)

