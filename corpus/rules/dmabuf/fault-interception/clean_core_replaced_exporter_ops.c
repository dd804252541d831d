/*
 * Three kinds of objects share one prime mmap helper. Objects of drv_funcs are exported by their
 * own callback, which calls the generic export and then replaces the buffer's ops with drv_ops,
 * a table without .mmap: their buffers never carry the generic ops, so the generic exporter's
 * mmap never reaches drv_vm_ops (with a fault handler). Objects of plain_funcs take the generic
 * export, and their vm_ops handle no faults. Objects of wrap_funcs are exported like drv_funcs',
 * with ops embedded in a wrapper.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct page **pages;
	unsigned long count;
};

static int core_gem_dmabuf_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	vma->vm_ops = obj->funcs->vm_ops;
	return 0;
}

static const struct dma_buf_ops core_generic_ops = {
	.mmap = core_gem_dmabuf_mmap,
};

struct dma_buf *core_prime_export(struct drm_gem_object *obj, int flags)
{
	struct dma_buf_export_info exp_info = {
		.ops = &core_generic_ops,
		.size = obj->size,
		.flags = flags,
		.priv = obj,
	};

	return dma_buf_export(&exp_info);
}

struct dma_buf *core_export_object(struct drm_gem_object *obj, int flags)
{
	if (obj->funcs && obj->funcs->export)
		return obj->funcs->export(obj, flags);
	return core_prime_export(obj, flags);
}

/* The driver's objects: exported with their own ops. */

static vm_fault_t drv_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct drv_vm_ops = {
	.fault = drv_fault,
};

static void drv_release(struct dma_buf *buf)
{
}

static const struct dma_buf_ops drv_ops = { /* expect: dmabuf/mmap-missing */
	.release = drv_release,
};

static struct dma_buf *drv_export(struct drm_gem_object *obj, int flags)
{
	struct dma_buf *buf = core_prime_export(obj, flags);

	if (buf)
		buf->ops = &drv_ops;
	return buf;
}

static const struct drm_gem_object_funcs drv_funcs = {
	.export = drv_export,
	.vm_ops = &drv_vm_ops,
};

/* The plain objects: the generic export. */

static void plain_close(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct plain_vm_ops = {
	.close = plain_close,
};

static const struct drm_gem_object_funcs plain_funcs = {
	.vm_ops = &plain_vm_ops,
};

/* Objects of wrap_funcs: their own callback leaves ops embedded in a wrapper on the buffer. */

static vm_fault_t wrap_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct wrap_vm_ops = {
	.fault = wrap_fault,
};

struct wrap_dmabuf_ops {
	struct dma_buf_ops ops;
	int flags;
};

static const struct wrap_dmabuf_ops wrap_ops = {
	.ops = { /* expect: dmabuf/mmap-missing */
		.release = drv_release,
	},
};

static struct dma_buf *wrap_export(struct drm_gem_object *obj, int flags)
{
	struct dma_buf *buf = core_prime_export(obj, flags);

	if (buf)
		buf->ops = &wrap_ops.ops;
	return buf;
}

static const struct drm_gem_object_funcs wrap_funcs = {
	.export = wrap_export,
	.vm_ops = &wrap_vm_ops,
};
